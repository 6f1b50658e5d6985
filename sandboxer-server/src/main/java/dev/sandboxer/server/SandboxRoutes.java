package dev.sandboxer.server;

import dev.sandboxer.core.access.Principal;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.core.profile.Durations;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Progress;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The sandbox verbs after create: list, get, describe, destroy, recreate, extend, exec, operations, reap.
 * Every one passes the token's scope to the engine, which answers "not found" for another project's sandbox.
 */
final class SandboxRoutes {
    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Duration DEFAULT_EXEC_TIMEOUT = Duration.ofMinutes(5);

    record ExtendBody(String by) {
    }

    record ExecBody(List<String> argv, Map<String, String> env, String timeout, String service) {
    }

    private final SandboxEngine engine;
    private final CreateRoute create;
    private final Metrics metrics;
    private final SandboxLocks locks = new SandboxLocks();

    SandboxRoutes(SandboxEngine engine, CreateRoute create, Metrics metrics) {
        this.engine = engine;
        this.create = create;
        this.metrics = metrics;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/sandboxes", create::handle, Access.CONSUMER);
        routes.get("/v1/sandboxes", this::list, Access.CONSUMER);
        routes.get("/v1/sandboxes/{id}", this::get, Access.CONSUMER);
        routes.get("/v1/sandboxes/{id}/description", this::describe, Access.CONSUMER);
        routes.delete("/v1/sandboxes/{id}", this::destroy, Access.CONSUMER);
        routes.post("/v1/sandboxes/{id}/recreate", this::recreate, Access.CONSUMER);
        routes.post("/v1/sandboxes/{id}/extend", this::extend, Access.CONSUMER);
        routes.post("/v1/sandboxes/{id}/exec", this::exec, Access.CONSUMER);
        routes.get("/v1/sandboxes/{id}/operations", this::operations, Access.CONSUMER);
        routes.post("/v1/reap", this::reap, Access.OPERATOR);
        routes.post("/v1/reconcile", this::reconcile, Access.OPERATOR);
    }

    private void list(Context ctx) {
        QueryParams.allowOnly(ctx, "project", "consumer", "state", "profile", "label", "limit", "cursor", "all");
        Optional<Consumer> consumer = QueryParams.one(ctx, "consumer").map(text -> {
            try {
                return Consumer.parse(text);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid-consumer", e.getMessage(), "", "consumer");
            }
        });
        SandboxFilter filter = new SandboxFilter(Set.copyOf(ctx.queryParams("project")), consumer, states(ctx),
                QueryParams.one(ctx, "profile"), labels(ctx));
        int limit = (int) QueryParams.number(ctx, "limit", 50, 1, 1000);
        Principal principal = Authentication.principal(ctx);
        Responses.json(ctx, engine.list(filter, principal.scope(), QueryParams.one(ctx, "cursor"), limit));
    }

    /** An explicit state wins; otherwise destroyed sandboxes, which are only history, stay out unless all=true. */
    private static Set<SandboxState> states(Context ctx) {
        List<String> asked = ctx.queryParams("state");
        if (!asked.isEmpty()) {
            return asked.stream().map(text -> {
                try {
                    return SandboxState.fromId(text);
                } catch (IllegalArgumentException e) {
                    // Not "invalid-state": that code is the 409 for a sandbox in the wrong state for a verb.
                    throw ApiError.badRequest("invalid-state-filter", "state '" + Bodies.clip(text)
                            + "' is not one of " + EnumSet.allOf(SandboxState.class).stream().map(SandboxState::id)
                            .collect(Collectors.joining(", ")), "filter by one of those states", "state");
                }
            }).collect(Collectors.toSet());
        }
        return QueryParams.bool(ctx, "all") ? Set.of() : EnumSet.complementOf(EnumSet.of(SandboxState.DESTROYED));
    }

    private static Map<String, String> labels(Context ctx) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : ctx.queryParams("label")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw ApiError.badRequest("invalid-label", "label filter '" + Bodies.clip(pair) + "' must be key=value",
                        "e.g. label=ticket=T-42", "label");
            }
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return labels;
    }

    private void get(Context ctx) {
        QueryParams.allowOnly(ctx);
        Responses.json(ctx, engine.get(ctx.pathParam("id"), Authentication.principal(ctx).scope()));
    }

    private void describe(Context ctx) {
        QueryParams.allowOnly(ctx);
        Responses.json(ctx, engine.describe(ctx.pathParam("id"), Authentication.principal(ctx).scope()));
    }

    private void operations(Context ctx) {
        QueryParams.allowOnly(ctx);
        Responses.json(ctx, engine.operations(ctx.pathParam("id"), Authentication.principal(ctx).scope()));
    }

    private void destroy(Context ctx) {
        QueryParams.allowOnly(ctx, "reason");
        String reason = QueryParams.one(ctx, "reason").orElse("user");
        if (!REASON.matcher(reason).matches()) {
            throw ApiError.badRequest("invalid-reason", "reason must be 1-32 of lower-case letters, digits and '-'",
                    "e.g. reason=done", "reason");
        }
        Principal p = Authentication.principal(ctx);
        String id = ctx.pathParam("id");
        Responses.json(ctx, recorded(Verb.DESTROY, id, () -> locks.holding(id, () -> engine.destroy(id, p.consumer(),
                reason, p.scope())), SandboxRoutes::extensionOf));
    }

    private void recreate(Context ctx) {
        QueryParams.allowOnly(ctx);
        Principal p = Authentication.principal(ctx);
        String id = ctx.pathParam("id");
        Responses.json(ctx, recorded(Verb.RECREATE, id, () -> engine.recreate(id, p.consumer(), p.scope(),
                Progress.NONE), SandboxRoutes::extensionOf));
    }

    private void extend(Context ctx) {
        QueryParams.allowOnly(ctx);
        Principal p = Authentication.principal(ctx);
        String id = ctx.pathParam("id");
        ExtendBody body = Bodies.json(ctx, ExtendBody.class);
        if (body.by() == null) {
            throw ApiError.badRequest("missing-field", "field 'by' is required", "e.g. {\"by\": \"30m\"}", "by");
        }
        Duration by = Durations.parse(body.by()).orElseThrow(() -> ApiError.badRequest("invalid-duration",
                "by '" + Bodies.clip(body.by()) + "' is not a duration", "use e.g. \"30m\"", "by"));
        try {
            Responses.json(ctx, recorded(Verb.EXTEND, id, () -> locks.holding(id, () -> engine.extend(id, by,
                    p.consumer(), p.scope())), SandboxRoutes::extensionOf));
        } catch (SandboxerException.Invalid e) {
            // The engine's TTL codes name "ttl"; on extend the field that asked too much is "by".
            throw new ApiError(ProblemMapping.of(e).withField("by"));
        }
    }

    private void exec(Context ctx) {
        QueryParams.allowOnly(ctx);
        Principal p = Authentication.principal(ctx);
        String id = ctx.pathParam("id");
        ExecBody body = Bodies.json(ctx, ExecBody.class);
        if (body.argv() == null || body.argv().isEmpty()) {
            throw ApiError.badRequest("missing-field", "field 'argv' needs at least the program to run",
                    "e.g. {\"argv\": [\"sh\", \"-c\", \"echo hi\"]}", "argv");
        }
        Duration timeout = body.timeout() == null ? DEFAULT_EXEC_TIMEOUT : Durations.parse(body.timeout())
                .orElseThrow(() -> ApiError.badRequest("invalid-duration", "timeout '" + Bodies.clip(body.timeout())
                        + "' is not a duration", "use e.g. \"5m\"", "timeout"));
        ExecRequest request = new ExecRequest(body.argv(), body.env() == null ? Map.of() : body.env(),
                Optional.ofNullable(body.service()), timeout);
        ExecResult result = recorded(Verb.EXEC, id, () -> engine.exec(id, request, p.consumer(), p.scope()),
                r -> extensionOf(engine.get(id, Scope.ALL)));
        Responses.json(ctx, result);
    }

    private void reap(Context ctx) {
        QueryParams.allowOnly(ctx);
        List<Sandbox> reaped = engine.reapExpired(Authentication.principal(ctx).consumer());
        reaped.forEach(s -> metrics.lifecycle(Verb.REAP, extensionOf(s), Metrics.SUCCEEDED));
        Responses.json(ctx, reaped);
    }

    private void reconcile(Context ctx) {
        QueryParams.allowOnly(ctx, "dryRun");
        boolean dryRun = QueryParams.bool(ctx, "dryRun");
        Responses.json(ctx, engine.reconcile(Authentication.principal(ctx).consumer(), dryRun));
    }

    /** Runs a verb and counts it by extension and outcome. */
    private <T> T recorded(Verb verb, String id, Supplier<T> action, Function<T, String> extension) {
        try {
            T result = action.get();
            metrics.lifecycle(verb, extension.apply(result), Metrics.SUCCEEDED);
            return result;
        } catch (RuntimeException e) {
            metrics.lifecycle(verb, extensionOfId(id), Metrics.outcomeOf(e));
            throw e;
        }
    }

    private String extensionOfId(String id) {
        try {
            return extensionOf(engine.get(id, Scope.ALL));
        } catch (RuntimeException e) {
            return "none";
        }
    }

    private static String extensionOf(Sandbox sandbox) {
        return sandbox.routing().extensionId();
    }
}
