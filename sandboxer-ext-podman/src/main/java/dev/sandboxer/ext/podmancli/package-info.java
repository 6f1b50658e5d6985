/**
 * Talking to the podman command line through a {@link dev.sandboxer.spi.transport.Transport}: argv lists,
 * label filters, and parsing of {@code podman ... --format json}. Shared by the podman and compose extensions;
 * nothing here knows about profiles or the engine.
 */
package dev.sandboxer.ext.podmancli;
