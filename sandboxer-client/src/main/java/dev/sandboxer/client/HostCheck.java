package dev.sandboxer.client;

/**
 * One thing the server's doctor looked at.
 *
 * @param hint how to fix it; empty when it is fine
 */
public record HostCheck(String name, boolean ok, String detail, String hint) {
}
