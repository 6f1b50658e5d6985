/**
 * The {@code podman} extension: one container per sandbox, with labels, deadline ({@code --timeout}), egress
 * policy ({@code --network none}, or an internal network plus a port gateway when ports are published),
 * limits, named volumes, setup files and secrets delivered through a short-lived env file.
 */
package dev.sandboxer.ext.podman;
