package dev.sandboxer.server;

import dev.sandboxer.core.access.Principal;
import dev.sandboxer.core.engine.CreateRequest;
import dev.sandboxer.core.engine.Creation;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.ProjectId;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.core.profile.Durations;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/sandboxes}: checks and records the create before answering (so a bad request changes
 * nothing and a good one has an id and an operation at once), then provisions in the background. With
 * {@code wait=true} the request itself waits, up to its timeout, for the sandbox to be ready.
 */
final class CreateRoute {
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    static final Duration MAX_WAIT = Duration.ofMinutes(30);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /** The body; attribution never comes from here but from the token. */
    record Body(String profile, Map<String, String> inputs, String project, String ttl, Map<String, String> labels,
                String host) {
    }

    /** The 202 answer: the recorded sandbox and the operation to poll. */
    record Accepted(Sandbox sandbox, Operation operation) {
    }

    private final SandboxEngine engine;
    private final BackgroundCreates creates;
    private final Metrics metrics;

    CreateRoute(SandboxEngine engine, BackgroundCreates creates, Metrics metrics) {
        this.engine = engine;
        this.creates = creates;
        this.metrics = metrics;
    }

    void handle(Context ctx) {
        QueryParams.allowOnly(ctx, "wait", "timeout");
        boolean wait = QueryParams.bool(ctx, "wait");
        Duration timeout = QueryParams.duration(ctx, "timeout").orElse(DEFAULT_WAIT);
        if (timeout.compareTo(MAX_WAIT) > 0) {
            throw ApiError.badRequest("invalid-duration", "timeout " + Durations.format(timeout) + " is above the "
                    + "maximum of " + Durations.format(MAX_WAIT), "wait less, then poll the operation", "timeout");
        }
        Principal principal = Authentication.principal(ctx);
        CreateRequest request = request(Bodies.json(ctx, Body.class), principal, idempotencyKey(ctx));
        Creation creation;
        try {
            creation = engine.begin(request);
        } catch (RuntimeException e) {
            metrics.lifecycle(Verb.CREATE, "none", Metrics.outcomeOf(e));
            throw e;
        }
        if (creation.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        CompletableFuture<Sandbox> done = creation.replayed() ? CompletableFuture.completedFuture(creation.sandbox())
                : creates.start(creation);
        if (wait) {
            try {
                Sandbox ready = BackgroundCreates.await(done, timeout);
                ctx.status(201).header("Location", "/v1/sandboxes/" + ready.id());
                Responses.json(ctx, ready);
                return;
            } catch (TimeoutException e) {
                // Not ready in time: answer as without wait, with the record as it is now.
            }
        }
        String id = creation.sandbox().id();
        Sandbox now = engine.get(id, principal.scope());
        Operation op = engine.operations(id, principal.scope()).stream()
                .filter(o -> o.id().equals(creation.operation().id())).findFirst().orElse(creation.operation());
        ctx.status(202).header("Location", "/v1/operations/" + op.id());
        Responses.json(ctx, new Accepted(now, op));
    }

    private static CreateRequest request(Body body, Principal principal, Optional<String> key) {
        if (body.profile() == null || body.profile().isBlank()) {
            throw ApiError.badRequest("missing-field", "field 'profile' is required", "e.g. \"profile\": "
                    + "\"compose-e2e\"", "profile");
        }
        String project = project(body.project(), principal);
        Optional<Duration> ttl = Optional.ofNullable(body.ttl()).map(text -> Durations.parse(text).orElseThrow(() ->
                ApiError.badRequest("invalid-ttl", "ttl '" + Bodies.clip(text) + "' is not a duration",
                        "use e.g. \"30m\" or \"2h\"", "ttl")));
        return new CreateRequest(body.profile(), orEmpty(body.inputs()), project, principal.consumer(), ttl,
                orEmpty(body.labels()), key, Optional.ofNullable(body.host()));
    }

    /**
     * Where the sandbox goes: the body's project, else the token's only project (or {@code default} for an
     * operator). A project outside the token's is refused with 403: unlike another project's sandboxes, the
     * caller's own token is no secret to it.
     */
    private static String project(String asked, Principal principal) {
        String project = asked;
        if (project == null) {
            if (principal.operator()) {
                project = "default";
            } else if (principal.scope().projects().size() == 1) {
                project = principal.scope().projects().iterator().next();
            } else {
                throw ApiError.badRequest("missing-field", "field 'project' is required: the token acts for "
                        + "several projects " + new java.util.TreeSet<>(principal.scope().projects()), "", "project");
            }
        }
        try {
            ProjectId.require(project);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid-project", e.getMessage(), "", "project");
        }
        if (!principal.scope().allows(project)) {
            throw ApiError.forbidden(principal.consumer() + " may not create sandboxes in project " + project,
                    "use one of the token's projects: " + new java.util.TreeSet<>(principal.scope().projects()));
        }
        return project;
    }

    private static Optional<String> idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiError.badRequest("invalid-idempotency-key", "the Idempotency-Key header must be 1-200 "
                    + "printable ASCII characters without spaces", "", "Idempotency-Key");
        }
        return Optional.of(key);
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
