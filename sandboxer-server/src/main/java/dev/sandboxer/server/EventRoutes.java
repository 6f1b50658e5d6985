package dev.sandboxer.server;

import dev.sandboxer.core.access.Principal;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.SandboxEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event log, all of it the token may see or one sandbox's: a JSON list of CloudEvents, or with
 * {@code Accept: text/event-stream} a stream that follows new events ({@link EventStream}).
 *
 * <p>Events are read unscoped and filtered here, because the engine filters after its limit: a token that
 * sees few projects would otherwise get short (even empty) pages while its events lie further on, and a
 * stream would never move past a run of other projects' events.
 */
final class EventRoutes {
    static final String SSE = "text/event-stream";
    private static final int BATCH = 1000;

    private final SandboxEngine engine;
    private final EventStream stream;

    EventRoutes(SandboxEngine engine, EventStream stream) {
        this.engine = engine;
        this.stream = stream;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/events", this::all, Access.CONSUMER);
        routes.get("/v1/sandboxes/{id}/events", this::ofSandbox, Access.CONSUMER);
    }

    private void all(Context ctx) {
        QueryParams.allowOnly(ctx, "sandbox", "after", "limit");
        Optional<String> sandbox = QueryParams.one(ctx, "sandbox");
        answer(ctx, sandbox);
    }

    private void ofSandbox(Context ctx) {
        QueryParams.allowOnly(ctx, "after", "limit");
        answer(ctx, Optional.of(ctx.pathParam("id")));
    }

    private void answer(Context ctx, Optional<String> sandbox) {
        Principal principal = Authentication.principal(ctx);
        // Another project's sandbox is "not found" before anything is streamed.
        sandbox.ifPresent(id -> engine.get(id, principal.scope()));
        long after = QueryParams.number(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) QueryParams.number(ctx, "limit", 100, 1, 10_000);
        if (wantsStream(ctx)) {
            stream.follow(ctx, sandbox, principal.scope(), lastEventId(ctx).orElse(after));
            return;
        }
        Responses.json(ctx, visible(sandbox, principal.scope(), after, limit).stream()
                .map(e -> CloudEvent.of(e, engine.installationId())).toList());
    }

    /** Up to {@code limit} events after {@code after} that the scope may see, reading past those it may not. */
    List<SandboxEvent> visible(Optional<String> sandbox, Scope scope, long after, int limit) {
        List<SandboxEvent> found = new ArrayList<>();
        long cursor = after;
        while (found.size() < limit) {
            List<SandboxEvent> batch = engine.events(sandbox, Scope.ALL, cursor, BATCH);
            for (SandboxEvent event : batch) {
                if (found.size() < limit && scope.allows(event.project())) {
                    found.add(event);
                }
                cursor = event.seq();
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        return found;
    }

    private static boolean wantsStream(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(SSE);
    }

    /** A reconnecting EventSource sends the last sequence it saw; it wins over {@code after}. */
    private static Optional<Long> lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            long seq = Long.parseLong(header.strip());
            if (seq >= 0) {
                return Optional.of(seq);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest("invalid-last-event-id", "Last-Event-ID must be an event sequence number", "",
                "Last-Event-ID");
    }
}
