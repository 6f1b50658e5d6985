package dev.sandboxer.core.engine;

import dev.sandboxer.core.model.Consumer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stable digest of a create request as resolved (profile version and content, inputs with defaults,
 * effective TTL, labels, project, consumer, the host it is pinned to), to tell "the same request again" from "a different one":
 * {@code compose-e2e} and {@code compose-e2e@1}, or no {@code --ttl} and the default TTL, are the same.
 */
final class RequestHash {
    private RequestHash() {
    }

    static String of(Plan plan, Duration ttl, String project, Consumer consumer, Map<String, String> labels,
                     Optional<String> placementHost) {
        StringBuilder text = new StringBuilder();
        text.append("profile=").append(plan.profileId()).append('@').append(plan.profileVersion()).append('\n');
        text.append("digest=").append(plan.profileDigest()).append('\n');
        text.append("project=").append(project).append('\n');
        text.append("consumer=").append(consumer).append('\n');
        text.append("ttl=").append(ttl.toMillis()).append('\n');
        append(text, "input.", plan.inputs());
        append(text, "label.", labels);
        // Absent for an unpinned create, so the hashes of sandboxes recorded before --host existed still match.
        placementHost.ifPresent(host -> text.append("host=").append(host).append('\n'));
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
