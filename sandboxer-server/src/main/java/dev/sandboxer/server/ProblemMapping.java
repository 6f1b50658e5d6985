package dev.sandboxer.server;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.store.ConcurrentChangeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Turns every failure into an RFC 9457 problem: the engine's typed errors by their code, the API's own
 * refusals, Javalin's 404/405, and anything unexpected as a 500 whose detail says nothing of the server's
 * insides; the full error is logged under an id the answer carries.
 */
final class ProblemMapping {
    /** Request fields the engine's validation codes refer to, so a client can point at the wrong one. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("invalid-label", "labels"), Map.entry("invalid-input", "inputs"),
            Map.entry("unknown-profile", "profile"), Map.entry("invalid-profile-ref", "profile"),
            Map.entry("invalid-profile", "profile"), Map.entry("no-extension", "profile"),
            Map.entry("no-backend", "profile"), Map.entry("invalid-ttl", "ttl"), Map.entry("ttl-too-long", "ttl"),
            Map.entry("invalid-duration", "by"), Map.entry("invalid-limit", "limit"),
            Map.entry("invalid-cursor", "cursor"), Map.entry("invalid-projects", "projects"));

    private final Consumer<String> log;

    ProblemMapping(Consumer<String> log) {
        this.log = log;
    }

    void install(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> write(ctx, e.problem()));
        routes.exception(SandboxerException.class, (e, ctx) -> write(ctx, of(e)));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, ofJavalin(e, ctx)));
        // Two writers raced for one sandbox and this one lost: the caller may simply try again.
        routes.exception(ConcurrentChangeException.class, (e, ctx) -> write(ctx, Problem.of(409, "concurrent-change",
                "Conflict", e.getMessage(), "try again")));
        routes.exception(Exception.class, (e, ctx) -> write(ctx, internal(e, ctx)));
    }

    static void write(Context ctx, Problem problem) {
        if (problem.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE).result(ApiJson.bytes(problem));
    }

    static Problem of(SandboxerException e) {
        Problem problem = switch (e) {
            case SandboxerException.Invalid invalid -> Problem.of(400, e.code(), "Invalid request", e.getMessage(),
                    e.hint());
            case SandboxerException.NotFound notFound -> Problem.of(404, e.code(), "Not found", e.getMessage(),
                    e.hint());
            case SandboxerException.Conflict conflict -> Problem.of(409, e.code(), "Conflict", e.getMessage(),
                    e.hint());
            case SandboxerException.Unavailable unavailable -> Problem.of(503, e.code(), "Backend unavailable",
                    e.getMessage(), e.hint());
            case SandboxerException.ProvisionFailed failed -> Problem.of(502, e.code(), "Provisioning failed",
                    e.getMessage(), e.hint()).withDiagnostics(failed.diagnostics(), failed.sandboxId());
        };
        String field = e instanceof SandboxerException.Invalid invalid && invalid.field().isPresent()
                ? invalid.field().get() : FIELDS.get(e.code());
        return field == null ? problem : problem.withField(field);
    }

    private static Problem ofJavalin(HttpResponseException e, Context ctx) {
        String request = ctx.method().name() + " " + Bodies.clip(ctx.path());
        return switch (e.getStatus()) {
            case 404 -> Problem.of(404, "not-found", "Not found", "no route " + request,
                    "see /openapi.yaml for the routes");
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", "no route " + request
                    + " (the path takes other methods)", "see /openapi.yaml for the routes");
            case 413 -> ApiError.tooLarge(Bodies.LIMIT).problem();
            default -> e.getStatus() >= 400 && e.getStatus() < 500
                    ? Problem.of(e.getStatus(), "bad-request", "Bad request", Bodies.clip(e.getMessage()), "")
                    : JettyErrors.problem(e.getStatus());
        };
    }

    private Problem internal(Exception e, Context ctx) {
        String id = UUID.randomUUID().toString();
        StringWriter stack = new StringWriter();
        e.printStackTrace(new PrintWriter(stack));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "error");
        line.put("errorId", id);
        line.put("method", ctx.method().name());
        line.put("route", AccessLog.routeOf(ctx));
        line.put("error", e.getClass().getName() + ": " + e.getMessage());
        line.put("stack", stack.toString());
        log.accept(ApiJson.text(line));
        return Problem.of(500, "internal", "Internal server error", "the server failed to handle the request",
                "report it with the errorId; the server's log has the details").withErrorId(id);
    }
}
