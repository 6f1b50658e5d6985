package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every registered route × every kind of caller → the status the contract promises. The matrix is built from
 * the routes the server registered, so a new route without a classification here fails the test instead of
 * going unchecked.
 */
class AccessMatrixTest {
    private final TestServer t = TestServer.get();

    /** What a route is about decides who may see it. */
    enum Kind {
        /** No token needed. */
        PUBLIC,
        /** Acts on one sandbox: another project's answers 404. */
        SANDBOX,
        /** One operation, of one sandbox: another project's answers 404. */
        OPERATION,
        /** Not about one sandbox; what it shows is narrowed to the token's projects. */
        SCOPED,
        /** Creates in a project: another project is refused with 403. */
        CREATE,
        /** adm tokens only: 403 for agt/atm. */
        OPERATOR
    }

    /** A caller: who plays it, and which token it presents. */
    private record Caller(String name, Function<TestServer, String> token) {
    }

    private static final List<Caller> CALLERS = List.of(
            new Caller("own project (agt, p1)", t -> t.agentP1),
            new Caller("other project (atm, p2)", t -> t.automationP2),
            new Caller("operator (adm)", t -> t.admin),
            new Caller("no token", t -> null),
            new Caller("revoked token", t -> t.revoked),
            new Caller("malformed token", t -> "sbx_not-a-real-token"));

    /** A route: its kind, the status a permitted call answers, and how to make a valid call. */
    private record Case(Kind kind, int success, Function<Target, Call> call) {
    }

    /** The p1 sandbox (and its create operation) a call is aimed at. */
    private record Target(String sandbox, String operation) {
    }

    private record Call(String method, String path, String contentType, byte[] body) {
        static Call get(String path) {
            return new Call("GET", path, null, null);
        }

        static Call json(String method, String path, String json) {
            return new Call(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger HOSTS = new java.util.concurrent.atomic.AtomicInteger();

    private static final Map<String, Case> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("GET /healthz", new Case(Kind.PUBLIC, 200, x -> Call.get("/healthz")));
        ROUTES.put("GET /readyz", new Case(Kind.PUBLIC, 200, x -> Call.get("/readyz")));
        ROUTES.put("GET /metrics", new Case(Kind.PUBLIC, 200, x -> Call.get("/metrics")));
        ROUTES.put("GET /openapi.yaml", new Case(Kind.PUBLIC, 200, x -> Call.get("/openapi.yaml")));
        ROUTES.put("POST /v1/sandboxes", new Case(Kind.CREATE, 202, x -> Call.json("POST", "/v1/sandboxes",
                "{\"profile\":\"echo\",\"inputs\":{\"name\":\"mat\"},\"project\":\"p1\"}")));
        ROUTES.put("GET /v1/sandboxes", new Case(Kind.SCOPED, 200, x -> Call.get("/v1/sandboxes?limit=1000")));
        ROUTES.put("GET /v1/sandboxes/{id}", new Case(Kind.SANDBOX, 200, x -> Call.get("/v1/sandboxes/"
                + x.sandbox())));
        ROUTES.put("GET /v1/sandboxes/{id}/description", new Case(Kind.SANDBOX, 200, x -> Call.get("/v1/sandboxes/"
                + x.sandbox() + "/description")));
        ROUTES.put("DELETE /v1/sandboxes/{id}", new Case(Kind.SANDBOX, 200, x -> new Call("DELETE", "/v1/sandboxes/"
                + x.sandbox(), null, null)));
        ROUTES.put("POST /v1/sandboxes/{id}/recreate", new Case(Kind.SANDBOX, 200, x -> new Call("POST",
                "/v1/sandboxes/" + x.sandbox() + "/recreate", null, null)));
        ROUTES.put("POST /v1/sandboxes/{id}/extend", new Case(Kind.SANDBOX, 200, x -> Call.json("POST",
                "/v1/sandboxes/" + x.sandbox() + "/extend", "{\"by\":\"1m\"}")));
        ROUTES.put("POST /v1/sandboxes/{id}/exec", new Case(Kind.SANDBOX, 200, x -> Call.json("POST",
                "/v1/sandboxes/" + x.sandbox() + "/exec", "{\"argv\":[\"echo\",\"hi\"]}")));
        ROUTES.put("GET /v1/sandboxes/{id}/operations", new Case(Kind.SANDBOX, 200, x -> Call.get("/v1/sandboxes/"
                + x.sandbox() + "/operations")));
        ROUTES.put("GET /v1/sandboxes/{id}/events", new Case(Kind.SANDBOX, 200, x -> Call.get("/v1/sandboxes/"
                + x.sandbox() + "/events")));
        ROUTES.put("GET /v1/operations/{id}", new Case(Kind.OPERATION, 200, x -> Call.get("/v1/operations/"
                + x.operation())));
        ROUTES.put("GET /v1/events", new Case(Kind.SCOPED, 200, x -> Call.get("/v1/events?limit=10000")));
        ROUTES.put("POST /v1/reap", new Case(Kind.OPERATOR, 200, x -> new Call("POST", "/v1/reap", null, null)));
        ROUTES.put("POST /v1/reconcile", new Case(Kind.OPERATOR, 200, x -> new Call("POST",
                "/v1/reconcile?dryRun=true", null, null)));
        ROUTES.put("GET /v1/profiles", new Case(Kind.SCOPED, 200, x -> Call.get("/v1/profiles")));
        ROUTES.put("GET /v1/profiles/{ref}", new Case(Kind.SCOPED, 200, x -> Call.get("/v1/profiles/echo@1")));
        ROUTES.put("POST /v1/profiles/validate", new Case(Kind.SCOPED, 200, x -> new Call("POST",
                "/v1/profiles/validate", "application/yaml", TestProfiles.ECHO.getBytes(StandardCharsets.UTF_8))));
        ROUTES.put("GET /v1/extensions", new Case(Kind.SCOPED, 200, x -> Call.get("/v1/extensions")));
        ROUTES.put("GET /v1/version", new Case(Kind.SCOPED, 200, x -> Call.get("/v1/version")));
        ROUTES.put("GET /v1/doctor", new Case(Kind.OPERATOR, 200, x -> Call.get("/v1/doctor")));
        ROUTES.put("POST /v1/tokens", new Case(Kind.OPERATOR, 201, x -> Call.json("POST", "/v1/tokens",
                "{\"consumer\":\"agt:matrix\",\"projects\":[\"p7\"]}")));
        ROUTES.put("GET /v1/tokens", new Case(Kind.OPERATOR, 200, x -> Call.get("/v1/tokens")));
        ROUTES.put("POST /v1/estimates", new Case(Kind.CREATE, 200, x -> Call.json("POST", "/v1/estimates",
                "{\"profile\":\"echo\",\"inputs\":{\"name\":\"mat\"},\"project\":\"p1\"}")));
        ROUTES.put("GET /v1/projects/{project}/credits", new Case(Kind.CREATE, 200,
                x -> Call.get("/v1/projects/p1/credits")));
        ROUTES.put("POST /v1/projects/{project}/credits", new Case(Kind.OPERATOR, 200, x -> Call.json("POST",
                "/v1/projects/p9/credits", "{\"amount\":100,\"memo\":\"matrix\"}")));
        ROUTES.put("GET /v1/projects/{project}/statement", new Case(Kind.CREATE, 200,
                x -> Call.get("/v1/projects/p1/statement")));
        ROUTES.put("GET /v1/projects/{project}/billing-export", new Case(Kind.CREATE, 200,
                x -> Call.get("/v1/projects/p1/billing-export?format=csv")));
        ROUTES.put("GET /v1/projects/{project}/provider-keys", new Case(Kind.CREATE, 200,
                x -> Call.get("/v1/projects/p1/provider-keys")));
        ROUTES.put("PUT /v1/projects/{project}/provider-keys/{extension}", new Case(Kind.CREATE, 200,
                x -> Call.json("PUT", "/v1/projects/p1/provider-keys/reference", "{\"key\":\"matrix-key\"}")));
        ROUTES.put("DELETE /v1/projects/{project}/provider-keys/{extension}", new Case(Kind.CREATE, 204, x -> {
            TestServer.get().plane.engine().billing().keys().put("p1", "reference",
                    new dev.sandboxer.spi.Secret("matrix-key"));
            return new Call("DELETE", "/v1/projects/p1/provider-keys/reference", null, null);
        }));
        ROUTES.put("POST /v1/provider-keys/rotate", new Case(Kind.OPERATOR, 200, x -> new Call("POST",
                "/v1/provider-keys/rotate", null, null)));
        ROUTES.put("POST /v1/hosts", new Case(Kind.OPERATOR, 201, x -> Call.json("POST", "/v1/hosts",
                "{\"name\":\"mx-add-" + HOSTS.incrementAndGet() + "\",\"address\":\"127.0.0.1\",\"keyFile\":\""
                        + TestServer.get().hostKeyFile() + "\",\"acceptFingerprint\":\"" + ThisMachineHosts.KEY
                        + "\",\"workRoot\":\"" + TestServer.get().hostWorkRoot() + "\"}")));
        ROUTES.put("GET /v1/hosts", new Case(Kind.OPERATOR, 200, x -> Call.get("/v1/hosts")));
        ROUTES.put("GET /v1/hosts/{name}", new Case(Kind.OPERATOR, 200, x -> Call.get("/v1/hosts/"
                + registeredHost())));
        ROUTES.put("POST /v1/hosts/{name}/drain", new Case(Kind.OPERATOR, 200, x -> new Call("POST", "/v1/hosts/"
                + registeredHost() + "/drain", null, null)));
        ROUTES.put("POST /v1/hosts/{name}/activate", new Case(Kind.OPERATOR, 200, x -> new Call("POST",
                "/v1/hosts/" + registeredHost() + "/activate", null, null)));
        ROUTES.put("DELETE /v1/hosts/{name}", new Case(Kind.OPERATOR, 204, x -> new Call("DELETE", "/v1/hosts/"
                + registeredHost(), null, null)));
        ROUTES.put("DELETE /v1/tokens/{id}", new Case(Kind.OPERATOR, 200, x -> new Call("DELETE", "/v1/tokens/"
                + TestServer.get().plane.tokens().create(dev.sandboxer.core.model.Consumer.parse("agt:doomed"),
                java.util.Set.of("p7")).token().id(), null, null)));
    }

    /** A fresh host registered behind the API's back (this machine, as {@link ThisMachineHosts} fakes it). */
    static String registeredHost() {
        String name = "mx-" + HOSTS.incrementAndGet();
        TestServer.get().plane.hosts().add(new dev.sandboxer.core.model.Host(name, "127.0.0.1", 22, "root",
                TestServer.get().hostKeyFile().toString(), ThisMachineHosts.KEY,
                TestServer.get().hostWorkRoot().toString(), new dev.sandboxer.core.model.Host.Capacity(1000, 512, 2),
                Map.of(), dev.sandboxer.core.model.Host.State.ACTIVE, java.time.Instant.now()));
        return name;
    }

    @Test
    void everyRouteAnswersEveryCallerAsTheContractSays() {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        Target shared = freshSandbox();
        for (SandboxerServer.Route route : t.server.routes()) {
            String key = route.method() + " " + route.path();
            Case routeCase = ROUTES.get(key);
            if (routeCase == null) {
                mismatches.add(key + ": not classified in the access matrix");
                continue;
            }
            assertThat(route.access()).as(key).isEqualTo(switch (routeCase.kind()) {
                case PUBLIC -> Access.PUBLIC;
                case OPERATOR -> Access.OPERATOR;
                default -> Access.CONSUMER;
            });
            for (Caller caller : CALLERS) {
                // Reads share one sandbox; a call that may change it gets its own, so callers cannot interfere.
                Target target = route.method().equals("GET") ? shared : freshSandbox();
                Call call = routeCase.call().apply(target);
                Api.Reply reply = t.api.send(call.method(), call.path(), caller.token().apply(t), call.contentType(),
                        call.body(), Map.of());
                int expected = expected(routeCase, caller);
                checked++;
                if (reply.status() != expected) {
                    mismatches.add(key + " as " + caller.name() + ": expected " + expected + ", got " + reply);
                } else if (expected >= 400 && !reply.contentType().startsWith(Problem.MEDIA_TYPE)) {
                    mismatches.add(key + " as " + caller.name() + ": a " + expected + " without a problem body");
                } else if (caller.name().startsWith("other") && routeCase.kind() == Kind.SCOPED
                        && reply.body().contains(target.sandbox())) {
                    mismatches.add(key + " as " + caller.name() + ": shows p1's sandbox " + target.sandbox());
                }
                if (routeCase.kind() == Kind.SANDBOX && expected == 404) {
                    Api.Reply after = t.api.get("/v1/sandboxes/" + target.sandbox(), t.admin);
                    if (!after.json().get("state").asText().equals("ready")) {
                        mismatches.add(key + " as " + caller.name() + ": a refused call changed the sandbox to "
                                + after.json().get("state"));
                    }
                }
            }
        }
        assertThat(mismatches).as("checked %d calls", checked).isEmpty();
        assertThat(ROUTES.keySet()).as("classified routes the server does not have")
                .containsExactlyInAnyOrderElementsOf(t.server.routes().stream()
                        .map(r -> r.method() + " " + r.path()).toList());
    }

    private static int expected(Case routeCase, Caller caller) {
        String who = caller.name();
        if (routeCase.kind() == Kind.PUBLIC) {
            return routeCase.success();
        }
        if (who.equals("no token") || who.startsWith("revoked") || who.startsWith("malformed")) {
            return 401;
        }
        boolean operator = who.startsWith("operator");
        boolean other = who.startsWith("other");
        return switch (routeCase.kind()) {
            case OPERATOR -> operator ? routeCase.success() : 403;
            case SANDBOX, OPERATION -> other ? 404 : routeCase.success();
            case CREATE -> other ? 403 : routeCase.success();
            case SCOPED, PUBLIC -> routeCase.success();
        };
    }

    /** A ready sandbox in p1, made by the p1 agent, with its create operation. */
    private Target freshSandbox() {
        Api.Reply created = t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "echo",
                "inputs", Map.of("name", "target")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String operation = t.api.get("/v1/sandboxes/" + id + "/operations", t.agentP1).json().get(0).get("id")
                .asText();
        return new Target(id, operation);
    }
}
