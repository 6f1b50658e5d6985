package dev.sandboxer.server;

import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.SandboxFilter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The routes that need no token: liveness, readiness, Prometheus metrics and the API document. */
final class HealthRoutes {
    private final SandboxEngine engine;
    private final Metrics metrics;
    private final BooleanSupplier accepting;
    private final byte[] openApi;

    HealthRoutes(SandboxEngine engine, Metrics metrics, BooleanSupplier accepting) {
        this.engine = engine;
        this.metrics = metrics;
        this.accepting = accepting;
        this.openApi = openApi();
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> Responses.json(ctx, Map.of("status", "ok")), Access.PUBLIC);
        routes.get("/readyz", this::ready, Access.PUBLIC);
        routes.get("/metrics", this::metrics, Access.PUBLIC);
        routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi), Access.PUBLIC);
    }

    /** Ready when the store answers and the server is not shutting down. */
    private void ready(Context ctx) {
        if (!accepting.getAsBoolean()) {
            throw ApiError.unavailable("the server is shutting down");
        }
        try {
            engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 1);
        } catch (RuntimeException e) {
            throw new ApiError(Problem.of(503, "not-ready", "Service unavailable", "the store cannot be read",
                    "check the database file and its directory's permissions"));
        }
        Responses.json(ctx, Map.of("status", "ready"));
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    static byte[] openApi() {
        try (InputStream in = HealthRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath; the build packages it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
