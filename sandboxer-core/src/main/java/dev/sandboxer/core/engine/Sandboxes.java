package dev.sandboxer.core.engine;

import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.routing.RoutingDecision;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the first record of a sandbox: the intent, before any backend is touched. */
final class Sandboxes {
    private Sandboxes() {
    }

    static Sandbox intent(String id, CreateRequest request, Plan plan, RoutingDecision route, Instant now,
                          Instant expiresAt, Instant maxExpiresAt, String requestHash) {
        Map<String, String> labels = new LinkedHashMap<>(plan.labels());
        labels.putAll(request.labels());
        return new Sandbox(id, request.project(), request.consumer(),
                new Sandbox.ProfileUse(plan.profileId(), plan.profileVersion(), plan.profileDigest(), plan.inputs()),
                new Sandbox.Routing(route.extension().descriptor().id(), route.extension().descriptor().version(),
                        route.reason()),
                Optional.empty(), SandboxState.REQUESTED, labels, now, now, expiresAt, maxExpiresAt,
                Optional.empty(), Optional.empty(), List.of(), Map.of(),
                new Sandbox.ResourceUse(plan.resources().cpuMillis(), plan.resources().memoryBytes(),
                        plan.network().egress().name().toLowerCase(java.util.Locale.ROOT), plan.network().allow()),
                Optional.empty(), Optional.empty(), request.idempotencyKey(), requestHash, 1);
    }
}
