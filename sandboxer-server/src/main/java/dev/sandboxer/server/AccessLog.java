package dev.sandboxer.server;

import dev.sandboxer.core.access.Tokens;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per request: method, route template, path, status, duration and consumer. Never the
 * Authorization header, the query string or a body: those are where secrets and tokens travel. Also feeds
 * the request metrics, since both want the same facts at the same moment.
 */
final class AccessLog {
    static final String UNMATCHED = "unmatched";

    private final Consumer<String> log;
    private final Metrics metrics;

    AccessLog(Consumer<String> log, Metrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    void record(Context ctx, float millis) {
        String route = routeOf(ctx);
        int status = ctx.statusCode();
        metrics.request(ctx.method().name(), route, status, (long) (millis * 1_000_000));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("method", ctx.method().name());
        line.put("route", route);
        line.put("path", Bodies.clip(Tokens.redact(ctx.path())));
        line.put("status", status);
        line.put("durationMs", Math.round(millis * 10) / 10.0);
        line.put("consumer", Authentication.consumerOf(ctx));
        log.accept(ApiJson.text(line));
    }

    /** The matched route's template ({@code /v1/sandboxes/{id}}), never the raw path. */
    static String routeOf(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            return endpoint == null ? UNMATCHED : endpoint.path;
        } catch (RuntimeException e) {
            return UNMATCHED;
        }
    }
}
