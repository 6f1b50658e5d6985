package dev.sandboxer.server;

import dev.sandboxer.core.access.IssuedToken;
import dev.sandboxer.core.access.Token;
import dev.sandboxer.core.access.Tokens;
import dev.sandboxer.core.model.Consumer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Operators issue, list and revoke API tokens. A token's secret appears once: in the answer to its create. */
final class TokenRoutes {

    record Body(String consumer, List<String> projects) {
    }

    /** The create answer: the token and, this once, its secret. */
    record Created(String id, String token, Consumer consumer, Set<String> projects, Instant createdAt,
                   Optional<Instant> revokedAt) {
        static Created of(IssuedToken issued) {
            Token t = issued.token();
            return new Created(t.id(), issued.secret(), t.consumer(), t.projects(), t.createdAt(), t.revokedAt());
        }
    }

    private final Tokens tokens;

    TokenRoutes(Tokens tokens) {
        this.tokens = tokens;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/tokens", this::create, Access.OPERATOR);
        routes.get("/v1/tokens", this::list, Access.OPERATOR);
        routes.delete("/v1/tokens/{id}", this::revoke, Access.OPERATOR);
    }

    private void create(Context ctx) {
        QueryParams.allowOnly(ctx);
        Body body = Bodies.json(ctx, Body.class);
        if (body.consumer() == null) {
            throw ApiError.badRequest("missing-field", "field 'consumer' is required", "e.g. \"agt:glas-harness\"",
                    "consumer");
        }
        Consumer consumer;
        try {
            consumer = Consumer.parse(body.consumer());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid-consumer", e.getMessage(), "", "consumer");
        }
        IssuedToken issued = tokens.create(consumer, body.projects() == null ? Set.of()
                : new HashSet<>(body.projects()));
        ctx.status(201).header("Location", "/v1/tokens/" + issued.token().id()).header("Cache-Control", "no-store");
        Responses.json(ctx, Created.of(issued));
    }

    private void list(Context ctx) {
        QueryParams.allowOnly(ctx);
        Responses.json(ctx, tokens.list());
    }

    private void revoke(Context ctx) {
        QueryParams.allowOnly(ctx);
        String id = ctx.pathParam("id");
        Responses.json(ctx, tokens.revoke(id).orElseThrow(() -> ApiError.notFound("token " + Bodies.clip(id)
                + " not found", "token ids look like tk-…; GET /v1/tokens (sandboxer tokens list) lists them")));
    }
}
