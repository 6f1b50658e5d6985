package dev.sandboxer.server;

import dev.sandboxer.core.access.Principal;
import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.BillingExport;
import dev.sandboxer.core.billing.Period;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.model.ProjectId;
import dev.sandboxer.core.profile.Durations;
import dev.sandboxer.spi.Secret;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Money (docs/billing.md): estimates, a project's credits, statement and billing export, and its provider
 * keys. A project outside the token's is refused with 403; granting credits is for operators. A provider key
 * goes in and never comes out: no route answers with one.
 */
final class BillingRoutes {

    record EstimateBody(String profile, Map<String, String> inputs, String ttl, String project) {
    }

    record CreditBody(String kind, Long amount, String memo, String sandbox) {
    }

    record KeyBody(String key) {
    }

    private final SandboxEngine engine;
    private final Billing billing;
    private final Clock clock;

    BillingRoutes(SandboxEngine engine, Clock clock) {
        this.engine = engine;
        this.billing = engine.billing();
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/estimates", this::estimate, Access.CONSUMER);
        routes.get("/v1/projects/{project}/credits", this::balance, Access.CONSUMER);
        routes.post("/v1/projects/{project}/credits", this::credit, Access.OPERATOR);
        routes.get("/v1/projects/{project}/statement", this::statement, Access.CONSUMER);
        routes.get("/v1/projects/{project}/billing-export", this::export, Access.CONSUMER);
        routes.get("/v1/projects/{project}/provider-keys", this::keys, Access.CONSUMER);
        routes.put("/v1/projects/{project}/provider-keys/{extension}", this::putKey, Access.CONSUMER);
        routes.delete("/v1/projects/{project}/provider-keys/{extension}", this::deleteKey, Access.CONSUMER);
        routes.post("/v1/provider-keys/rotate", this::rotate, Access.OPERATOR);
    }

    private void rotate(Context ctx) {
        QueryParams.allowOnly(ctx);
        Responses.json(ctx, Map.of("resealed", billing.keys().rotate()));
    }

    private void estimate(Context ctx) {
        QueryParams.allowOnly(ctx);
        EstimateBody body = Bodies.json(ctx, EstimateBody.class);
        if (body.profile() == null) {
            throw ApiError.badRequest("missing-field", "field 'profile' is required", "e.g. \"echo\"", "profile");
        }
        String project = allowed(ctx, body.project() == null ? onlyProject(ctx) : body.project());
        Optional<Duration> ttl = Optional.ofNullable(body.ttl()).map(text -> Durations.parse(text).orElseThrow(() ->
                ApiError.badRequest("invalid-ttl", "ttl '" + Bodies.clip(text) + "' is not a duration",
                        "use e.g. \"30m\" or \"2h\"", "ttl")));
        Responses.json(ctx, engine.estimate(body.profile(), body.inputs() == null ? Map.of() : body.inputs(), ttl,
                project));
    }

    private void balance(Context ctx) {
        QueryParams.allowOnly(ctx);
        Responses.json(ctx, billing.ledger().balance(allowed(ctx, ctx.pathParam("project"))));
    }

    private void credit(Context ctx) {
        QueryParams.allowOnly(ctx);
        String project = allowed(ctx, ctx.pathParam("project"));
        CreditBody body = Bodies.json(ctx, CreditBody.class);
        if (body.amount() == null) {
            throw ApiError.badRequest("missing-field", "field 'amount' (minor units) is required", "e.g. 1000",
                    "amount");
        }
        String memo = body.memo() == null ? "" : body.memo();
        String kind = body.kind() == null ? "grant" : body.kind();
        Responses.json(ctx, switch (kind) {
            case "grant" -> billing.ledger().grant(project, body.amount(), memo);
            case "adjustment" -> billing.ledger().adjust(project, body.amount(), memo);
            case "refund" -> billing.ledger().refund(project, Optional.ofNullable(body.sandbox()).orElseThrow(() ->
                    ApiError.badRequest("missing-field", "a refund names its sandbox", "", "sandbox")),
                    body.amount(), memo);
            default -> throw ApiError.badRequest("invalid-kind", "kind '" + Bodies.clip(kind) + "' is not grant, "
                    + "adjustment or refund", "", "kind");
        });
    }

    private void statement(Context ctx) {
        QueryParams.allowOnly(ctx, "from", "to");
        String project = allowed(ctx, ctx.pathParam("project"));
        Period period = period(ctx);
        Responses.json(ctx, billing.ledger().statement(project, period.from(), period.to()));
    }

    private void export(Context ctx) {
        QueryParams.allowOnly(ctx, "from", "to", "format");
        String project = allowed(ctx, ctx.pathParam("project"));
        Period period = period(ctx);
        String format = QueryParams.one(ctx, "format").orElse("json");
        BillingExport.Report report = billing.export().report(project, period.from(),
                period.to());
        switch (format) {
            case "json" -> Responses.json(ctx, report);
            case "csv" -> ctx.contentType("text/csv; charset=utf-8").result(BillingExport.csv(report));
            default -> throw ApiError.badRequest("invalid-format", "format '" + Bodies.clip(format)
                    + "' is not json or csv", "", "format");
        }
    }

    private void keys(Context ctx) {
        QueryParams.allowOnly(ctx);
        Responses.json(ctx, billing.keys().list(allowed(ctx, ctx.pathParam("project"))));
    }

    private void putKey(Context ctx) {
        QueryParams.allowOnly(ctx);
        String project = allowed(ctx, ctx.pathParam("project"));
        String extension = extension(ctx);
        KeyBody body = Bodies.json(ctx, KeyBody.class);
        if (body.key() == null || body.key().isBlank()) {
            throw ApiError.badRequest("missing-field", "field 'key' is required", "", "key");
        }
        Responses.json(ctx, billing.keys().put(project, extension, new Secret(body.key())));
    }

    private void deleteKey(Context ctx) {
        QueryParams.allowOnly(ctx);
        String project = allowed(ctx, ctx.pathParam("project"));
        String extension = extension(ctx);
        if (!billing.keys().remove(project, extension)) {
            throw ApiError.notFound("project " + project + " has no provider key for " + Bodies.clip(extension),
                    "GET /v1/projects/" + project + "/provider-keys lists them");
        }
        ctx.status(204);
    }

    private String extension(Context ctx) {
        String extension = ctx.pathParam("extension");
        if (engine.extensions().find(extension).isEmpty()) {
            throw ApiError.notFound("extension " + Bodies.clip(extension), "GET /v1/extensions lists them");
        }
        return extension;
    }

    private Period period(Context ctx) {
        return Period.of(QueryParams.one(ctx, "from"), QueryParams.one(ctx, "to"), clock.instant());
    }

    private static String onlyProject(Context ctx) {
        Principal principal = Authentication.principal(ctx);
        if (principal.operator()) {
            return "default";
        }
        if (principal.scope().projects().size() == 1) {
            return principal.scope().projects().iterator().next();
        }
        throw ApiError.badRequest("missing-field", "field 'project' is required: the token acts for several "
                + "projects " + new TreeSet<>(principal.scope().projects()), "", "project");
    }

    /** The project, if the token acts for it: another project's money is refused with 403. */
    private static String allowed(Context ctx, String project) {
        try {
            ProjectId.require(project);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid-project", e.getMessage(), "", "project");
        }
        Principal principal = Authentication.principal(ctx);
        if (!principal.scope().allows(project)) {
            throw ApiError.forbidden(principal.consumer() + " does not act for project " + project,
                    "use one of the token's projects: " + new TreeSet<>(principal.scope().projects()));
        }
        return project;
    }
}
