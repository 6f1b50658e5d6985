package dev.sandboxer.server;

import dev.sandboxer.core.access.Principal;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.model.Operation;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /v1/operations/{id}}: what a 202 create hands out to poll. */
final class OperationRoutes {
    private final SandboxEngine engine;

    OperationRoutes(SandboxEngine engine) {
        this.engine = engine;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/operations/{id}", this::get, Access.CONSUMER);
    }

    private void get(Context ctx) {
        QueryParams.allowOnly(ctx);
        String id = ctx.pathParam("id");
        Principal principal = Authentication.principal(ctx);
        // Another project's operation answers exactly as a missing one: the engine checks the scope.
        Operation operation = engine.operation(id, principal.scope());
        Responses.json(ctx, operation);
    }
}
