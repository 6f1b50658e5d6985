package dev.sandboxer.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Extension#create} made.
 *
 * @param ref       opaque handle, stored by the engine
 * @param endpoints how to reach it
 * @param location  where it runs, e.g. {@code local} or {@code ssh://host-a}
 * @param isolation how isolation was applied, as facts (e.g. {@code network=none}, {@code memory=256m})
 * @param deadline  the backend-side deadline in force, if any
 */
public record Provisioned(BackendRef ref, List<Endpoint> endpoints, String location, Map<String, String> isolation,
                          Optional<Instant> deadline) {
    public Provisioned {
        endpoints = List.copyOf(endpoints);
        isolation = Map.copyOf(isolation);
    }
}
