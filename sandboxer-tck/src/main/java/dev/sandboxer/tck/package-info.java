/**
 * The conformance kit: {@link dev.sandboxer.tck.ExtensionConformanceTest} is what every extension subclasses.
 * The in-memory {@code reference} extension lives in {@code dev.sandboxer.tck.reference}.
 */
package dev.sandboxer.tck;
