/**
 * The sand-boxer extension SDK: everything an extension author codes against.
 *
 * <p>Stability promise: this package depends on the JDK only, and its types change only in
 * backward-compatible ways within a major version (new record components get a compact
 * constructor default; new interface methods get a default). An extension is found through
 * {@link java.util.ServiceLoader} as an {@link dev.sandboxer.spi.ExtensionProvider}.
 */
package dev.sandboxer.spi;
