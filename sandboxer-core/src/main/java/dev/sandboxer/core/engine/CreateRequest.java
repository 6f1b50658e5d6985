package dev.sandboxer.core.engine;

import dev.sandboxer.core.model.Consumer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a consumer asks for.
 *
 * @param profile        {@code id} or {@code id@version}
 * @param inputs         raw {@code --input k=v} values, checked against the profile's input definitions
 * @param ttl            how long; the profile's default when empty
 * @param idempotencyKey same key + same request returns the same sandbox; same key + different request is refused
 * @param placementHost  {@code --host}: the registered host to place it on; only an extension that places
 *                       sandboxes on hosts takes one (the engine refuses it for any other before recording)
 */
public record CreateRequest(String profile, Map<String, String> inputs, String project, Consumer consumer,
                            Optional<Duration> ttl, Map<String, String> labels, Optional<String> idempotencyKey,
                            Optional<String> placementHost) {
    public CreateRequest {
        inputs = Map.copyOf(inputs);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(placementHost, "placementHost");
    }

    /** A request placed wherever the routed extension chooses. */
    public CreateRequest(String profile, Map<String, String> inputs, String project, Consumer consumer,
                         Optional<Duration> ttl, Map<String, String> labels, Optional<String> idempotencyKey) {
        this(profile, inputs, project, consumer, ttl, labels, idempotencyKey, Optional.empty());
    }

    /** The same request pinned to one registered host. */
    public CreateRequest withPlacementHost(String host) {
        return new CreateRequest(profile, inputs, project, consumer, ttl, labels, idempotencyKey, Optional.of(host));
    }
}
