package dev.sandboxer.core.model;

import dev.sandboxer.spi.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's record of one sandbox: what was asked (profile, inputs, expiry) apart from what was
 * last observed in the backend.
 */
public record Sandbox(
        String id,
        String project,
        Consumer consumer,
        ProfileUse profile,
        Routing routing,
        Optional<String> location,
        SandboxState state,
        Map<String, String> labels,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        Instant maxExpiresAt,
        Optional<Instant> backendDeadline,
        Optional<String> backendState,
        List<Endpoint> endpoints,
        Map<String, String> isolation,
        ResourceUse resources,
        Optional<Observed> observed,
        Optional<String> failure,
        Optional<String> idempotencyKey,
        String requestHash,
        long version) {

    public Sandbox {
        labels = Map.copyOf(labels);
        endpoints = List.copyOf(endpoints);
        isolation = Map.copyOf(isolation);
    }

    /** Question 1: which recipe. */
    public record ProfileUse(String id, int version, String digest, Map<String, String> inputs) {
        public ProfileUse {
            inputs = Map.copyOf(inputs);
        }
    }

    /** Question 2: which backend and why. */
    public record Routing(String extensionId, String extensionVersion, String reason) {
    }

    /** Resources and network policy asked for, as recorded. */
    public record ResourceUse(long cpuMillis, long memoryBytes, String egress, List<String> allow) {
        public ResourceUse {
            allow = List.copyOf(allow);
        }
    }

    /** What the backend said, and when. */
    public record Observed(String status, String detail, Instant at) {
    }

    public Sandbox withState(SandboxState next, Instant now) {
        return new Sandbox(id, project, consumer, profile, routing, location, next, labels, createdAt, now,
                expiresAt, maxExpiresAt, backendDeadline, backendState, endpoints, isolation, resources, observed,
                failure, idempotencyKey, requestHash, version);
    }

    public Sandbox withFailure(String why, Instant now) {
        return new Sandbox(id, project, consumer, profile, routing, location, SandboxState.FAILED, labels,
                createdAt, now, expiresAt, maxExpiresAt, backendDeadline, backendState, endpoints, isolation,
                resources, observed, Optional.of(why), idempotencyKey, requestHash, version);
    }

    public Sandbox withBackend(String newLocation, Optional<String> state, List<Endpoint> newEndpoints,
                               Map<String, String> newIsolation, Optional<Instant> deadline, Instant now) {
        return new Sandbox(id, project, consumer, profile, routing, Optional.of(newLocation), this.state, labels,
                createdAt, now, expiresAt, maxExpiresAt, deadline, state, newEndpoints, newIsolation, resources,
                observed, failure, idempotencyKey, requestHash, version);
    }

    public Sandbox withExpiry(Instant newExpiresAt, Optional<Instant> deadline, Instant now) {
        return new Sandbox(id, project, consumer, profile, routing, location, state, labels, createdAt, now,
                newExpiresAt, maxExpiresAt, deadline, backendState, endpoints, isolation, resources, observed,
                failure, idempotencyKey, requestHash, version);
    }

    public Sandbox withObserved(Observed observation, Instant now) {
        return new Sandbox(id, project, consumer, profile, routing, location, state, labels, createdAt, now,
                expiresAt, maxExpiresAt, backendDeadline, backendState, endpoints, isolation, resources,
                Optional.of(observation), failure, idempotencyKey, requestHash, version);
    }

    /** Endpoints of a destroyed sandbox would point at ports given to others; they are dropped. */
    public Sandbox withoutEndpoints() {
        return new Sandbox(id, project, consumer, profile, routing, location, state, labels, createdAt, updatedAt,
                expiresAt, maxExpiresAt, backendDeadline, backendState, List.of(), isolation, resources, observed,
                failure, idempotencyKey, requestHash, version);
    }

    public Sandbox clearedForRecreate(Instant now) {
        return new Sandbox(id, project, consumer, profile, routing, location, state, labels, createdAt, now,
                expiresAt, maxExpiresAt, backendDeadline, Optional.empty(), List.of(), Map.of(), resources,
                Optional.empty(), Optional.empty(), idempotencyKey, requestHash, version);
    }
}
