package dev.sandboxer.client;

import dev.sandboxer.core.engine.CreateRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What to create. There is no consumer here: over HTTP the token says who asks, never the request.
 *
 * @param profile        {@code id} or {@code id@version}
 * @param inputs         the profile's inputs, as text; the server checks them against the profile
 * @param project        where the sandbox goes; an agent's token must hold it
 * @param ttl            how long; the profile's default when empty
 * @param idempotencyKey sent as the {@code Idempotency-Key} header: the same key and request return the same
 *                       sandbox, so a create can be retried safely after a lost answer
 * @param host           the registered host to place it on ({@code podman-ssh}/{@code compose-ssh} profiles only);
 *                       the server's choice when empty
 */
public record SandboxRequest(String profile, Map<String, String> inputs, String project, Optional<Duration> ttl,
                             Map<String, String> labels, Optional<String> idempotencyKey, Optional<String> host) {
    public static final String DEFAULT_PROJECT = "default";

    public SandboxRequest {
        inputs = Map.copyOf(inputs);
        labels = Map.copyOf(labels);
        java.util.Objects.requireNonNull(host, "host");
    }

    /** A request placed wherever the server chooses. */
    public SandboxRequest(String profile, Map<String, String> inputs, String project, Optional<Duration> ttl,
                          Map<String, String> labels, Optional<String> idempotencyKey) {
        this(profile, inputs, project, ttl, labels, idempotencyKey, Optional.empty());
    }

    /** The profile's defaults in project {@code default}. */
    public static SandboxRequest of(String profile) {
        return new SandboxRequest(profile, Map.of(), DEFAULT_PROJECT, Optional.empty(), Map.of(), Optional.empty());
    }

    /** The same request an embedded caller would make; its consumer is dropped, as the token decides. */
    public static SandboxRequest from(CreateRequest request) {
        return new SandboxRequest(request.profile(), request.inputs(), request.project(), request.ttl(),
                request.labels(), request.idempotencyKey(), request.placementHost());
    }

    public SandboxRequest input(String name, String value) {
        return new SandboxRequest(profile, with(inputs, name, value), project, ttl, labels, idempotencyKey, host);
    }

    public SandboxRequest project(String newProject) {
        return new SandboxRequest(profile, inputs, newProject, ttl, labels, idempotencyKey, host);
    }

    public SandboxRequest ttl(Duration newTtl) {
        return new SandboxRequest(profile, inputs, project, Optional.of(newTtl), labels, idempotencyKey, host);
    }

    public SandboxRequest label(String key, String value) {
        return new SandboxRequest(profile, inputs, project, ttl, with(labels, key, value), idempotencyKey, host);
    }

    public SandboxRequest idempotencyKey(String key) {
        return new SandboxRequest(profile, inputs, project, ttl, labels, Optional.of(key), host);
    }

    /** Pins the sandbox to one registered host. */
    public SandboxRequest host(String name) {
        return new SandboxRequest(profile, inputs, project, ttl, labels, idempotencyKey, Optional.of(name));
    }

    /** The JSON body; the idempotency key travels as a header. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", profile);
        body.put("inputs", inputs);
        if (project != null) {
            // Without one the server chooses: the token's only project, else "default".
            body.put("project", project);
        }
        ttl.ifPresent(t -> body.put("ttl", DurationText.format(t)));
        body.put("labels", labels);
        host.ifPresent(h -> body.put("host", h));
        return body;
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
