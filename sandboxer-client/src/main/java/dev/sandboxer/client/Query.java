package dev.sandboxer.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A query string built a parameter at a time; a parameter may repeat ({@code state=ready&state=failed}). */
final class Query {
    private final List<String> parts = new ArrayList<>();

    static Query of() {
        return new Query();
    }

    Query add(String name, String value) {
        parts.add(encode(name) + "=" + encode(value));
        return this;
    }

    Query add(String name, Optional<String> value) {
        value.ifPresent(v -> add(name, v));
        return this;
    }

    Query addAll(String name, Iterable<String> values) {
        values.forEach(v -> add(name, v));
        return this;
    }

    /** {@code ?a=1&b=2}, or nothing. */
    String text() {
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /** One path segment, so an id can never reach another route ({@code ../tokens}). */
    static String segment(String value) {
        return encode(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
