package dev.sandboxer.spi;

/**
 * How a sandbox is reached.
 *
 * @param name    e.g. {@code web}, {@code exec}
 * @param kind    {@code http}, {@code tcp}, {@code exec}, {@code ssh}
 * @param address a URL, host:port, or the command to use
 */
public record Endpoint(String name, String kind, String address) {
}
