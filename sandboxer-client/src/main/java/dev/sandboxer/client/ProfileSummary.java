package dev.sandboxer.client;

/**
 * A profile as the server lists it: the fields of {@code sandboxer profiles list -o json}.
 *
 * @param extension  the pinned extension, or {@code (routed)} when the router chooses by capabilities
 * @param ttlDefault the default TTL as text ({@code 30m})
 * @param ttlMax     the hard maximum as text
 * @param source     the file (on the server) or {@code builtin:NAME} it was read from
 */
public record ProfileSummary(String id, int version, String extension, String ttlDefault, String ttlMax,
                             String description, String source) {
}
