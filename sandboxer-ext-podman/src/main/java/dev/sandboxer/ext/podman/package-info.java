/**
 * The {@code podman} extension: one container per sandbox, with labels, deadline ({@code --timeout}), egress
 * policy ({@code --network none}, or an internal network plus a port gateway when ports are published),
 * limits, named volumes, setup files (a tar on stdin) and secrets (by name, their values only in the
 * environment of the podman process that creates the container; never on disk or a command line).
 */
package dev.sandboxer.ext.podman;
