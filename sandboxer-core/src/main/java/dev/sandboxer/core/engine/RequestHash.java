package dev.sandboxer.core.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A stable digest of a create request, to tell "the same request again" from "a different one". */
final class RequestHash {
    private RequestHash() {
    }

    static String of(CreateRequest request) {
        StringBuilder text = new StringBuilder();
        text.append("profile=").append(request.profile()).append('\n');
        text.append("project=").append(request.project()).append('\n');
        text.append("ttl=").append(request.ttl().map(Object::toString).orElse("default")).append('\n');
        append(text, "input.", request.inputs());
        append(text, "label.", request.labels());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void append(StringBuilder text, String prefix, Map<String, String> values) {
        new TreeMap<>(values).forEach((k, v) -> text.append(prefix).append(k.length()).append(':').append(k)
                .append('=').append(v.length()).append(':').append(v).append('\n'));
    }
}
