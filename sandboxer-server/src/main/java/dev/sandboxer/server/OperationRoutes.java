package dev.sandboxer.server;

import dev.sandboxer.core.access.Principal;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.model.Operation;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /v1/operations/{id}}: what a 202 create hands out to poll. */
final class OperationRoutes {
    private final SandboxEngine engine;
    private final OperationIndex index;

    OperationRoutes(SandboxEngine engine, OperationIndex index) {
        this.engine = engine;
        this.index = index;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/operations/{id}", this::get, Access.CONSUMER);
    }

    private void get(Context ctx) {
        QueryParams.allowOnly(ctx);
        String id = ctx.pathParam("id");
        Principal principal = Authentication.principal(ctx);
        // Another project's operation answers exactly as a missing one: engine.operations checks the scope.
        Operation operation = index.sandboxOf(id)
                .flatMap(sandbox -> engine.operations(sandbox, principal.scope()).stream()
                        .filter(o -> o.id().equals(id)).findFirst())
                .orElseThrow(() -> ApiError.notFound("operation " + Bodies.clip(id) + " not found",
                        "operation ids come from a create's answer or GET /v1/sandboxes/{id}/operations"));
        Responses.json(ctx, operation);
    }
}
