package dev.sandboxer.core.engine;

import dev.sandboxer.core.model.Consumer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a consumer asks for.
 *
 * @param profile        {@code id} or {@code id@version}
 * @param inputs         raw {@code --input k=v} values, checked against the profile's input definitions
 * @param ttl            how long; the profile's default when empty
 * @param idempotencyKey same key + same request returns the same sandbox; same key + different request is refused
 */
public record CreateRequest(String profile, Map<String, String> inputs, String project, Consumer consumer,
                            Optional<Duration> ttl, Map<String, String> labels, Optional<String> idempotencyKey) {
    public CreateRequest {
        inputs = Map.copyOf(inputs);
        labels = Map.copyOf(labels);
    }
}
