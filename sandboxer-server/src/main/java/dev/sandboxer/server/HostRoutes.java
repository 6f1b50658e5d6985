package dev.sandboxer.server;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.host.Enrolment;
import dev.sandboxer.core.host.HostAccess;
import dev.sandboxer.core.host.Hosts;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Operators register, inspect, drain, activate and remove the remote hosts sandboxes are placed on
 * (docs/hosts.md), as {@code sandboxer hosts} does. Paths in an add (the login key, a known_hosts file) are on
 * the server's machine: the server is the one that logs in to the host.
 */
final class HostRoutes {
    private static final int HISTORY = 10;

    /** {@code POST /v1/hosts}: the fields and defaults of {@code sandboxer hosts add}. */
    record Body(String name, String address, Integer port, String user, String keyFile, String knownHosts,
                String acceptFingerprint, String workRoot, String cpu, String memory, Integer maxSandboxes,
                Map<String, String> labels) {
    }

    private final Hosts hosts;
    private final Optional<Enrolment> enrolment;

    HostRoutes(Hosts hosts, Optional<HostAccess> access, String installationId, Clock clock) {
        this.hosts = hosts;
        this.enrolment = access.map(a -> new Enrolment(hosts, a, installationId, clock));
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/hosts", this::add, Access.OPERATOR);
        routes.get("/v1/hosts", this::list, Access.OPERATOR);
        routes.get("/v1/hosts/{name}", this::inspect, Access.OPERATOR);
        routes.post("/v1/hosts/{name}/drain", ctx -> state(ctx, true), Access.OPERATOR);
        routes.post("/v1/hosts/{name}/activate", ctx -> state(ctx, false), Access.OPERATOR);
        routes.delete("/v1/hosts/{name}", this::remove, Access.OPERATOR);
    }

    private void add(Context ctx) {
        QueryParams.allowOnly(ctx);
        Body b = Bodies.json(ctx, Body.class);
        require(b.name(), "name", "e.g. \"h1\"");
        require(b.address(), "address", "the host name or IP address to connect to");
        require(b.keyFile(), "keyFile", "a private key file on the server's machine");
        Enrolment.Request request = new Enrolment.Request(b.name(), b.address(), or(b.port(), 22),
                or(b.user(), "root"), b.keyFile(), Optional.ofNullable(b.knownHosts()),
                Optional.ofNullable(b.acceptFingerprint()), or(b.workRoot(), "/var/lib/sandboxer"), or(b.cpu(), "2"),
                or(b.memory(), "4Gi"), or(b.maxSandboxes(), 10), b.labels());
        var host = enrolment().add(request);
        ctx.status(201).header("Location", "/v1/hosts/" + host.name());
        Responses.json(ctx, host);
    }

    private void list(Context ctx) {
        QueryParams.allowOnly(ctx, "refresh");
        if (QueryParams.bool(ctx, "refresh")) {
            enrolment.ifPresent(Enrolment::refreshAll);
        }
        Responses.json(ctx, hosts.list().stream().map(HostRoutes::json).toList());
    }

    /** Reads the host's telemetry now (when this server can reach hosts), then answers with its recent reads. */
    private void inspect(Context ctx) {
        QueryParams.allowOnly(ctx, "history");
        String name = ctx.pathParam("name");
        int history = (int) QueryParams.number(ctx, "history", HISTORY, 1, Hosts.HISTORY);
        Hosts.View before = hosts.inspect(name);
        enrolment.ifPresent(e -> e.refresh(before.host()));
        Map<String, Object> json = json(hosts.inspect(name));
        json.put("history", hosts.history(name, history));
        Responses.json(ctx, json);
    }

    private void state(Context ctx, boolean drain) {
        QueryParams.allowOnly(ctx);
        String name = ctx.pathParam("name");
        Responses.json(ctx, drain ? hosts.drain(name) : hosts.activate(name));
    }

    private void remove(Context ctx) {
        QueryParams.allowOnly(ctx);
        hosts.remove(ctx.pathParam("name"));
        ctx.status(204);
    }

    private Enrolment enrolment() {
        return enrolment.orElseThrow(() -> new SandboxerException.Unavailable("this server has no SSH client "
                + "to reach hosts with", "run the server with 'sandboxer serve', which has one"));
    }

    /** A host as {@code sandboxer hosts list -o json} prints it: with what is held there and its latest read. */
    static Map<String, Object> json(Hosts.View view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", view.host());
        json.put("stale", view.stale());
        json.put("reserved", view.reserved());
        json.put("free", view.free());
        json.put("sandboxes", view.sandboxes());
        json.put("latest", view.latest().orElse(null));
        return json;
    }

    private static void require(String value, String field, String hint) {
        if (value == null) {
            throw ApiError.badRequest("missing-field", "field '" + field + "' is required", hint, field);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
