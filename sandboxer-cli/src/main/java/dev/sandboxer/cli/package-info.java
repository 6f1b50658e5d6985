/**
 * The {@code sandboxer} command line: one picocli command per class over the embedded engine
 * ({@link dev.sandboxer.core.ControlPlane}). Commands print only through their {@code CommandLine}'s writers
 * and fail only by throwing; {@link dev.sandboxer.cli.FailureReport} turns failures into the documented exit
 * codes. {@link dev.sandboxer.cli.Main#run} runs a command line in-process, which is how the tests drive it.
 */
package dev.sandboxer.cli;
