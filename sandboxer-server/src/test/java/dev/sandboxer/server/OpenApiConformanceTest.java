package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** openapi.yaml and the server agree: the same routes both ways, and real answers fit the documented schemas. */
class OpenApiConformanceTest {
    private static final OpenApi DOC = OpenApi.load();
    private final TestServer t = TestServer.get();

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOneIsRegistered() {
        Set<String> registered = t.server.routes().stream().map(r -> r.method() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(registered).as("registered but not in openapi.yaml").isSubsetOf(DOC.operations());
        assertThat(DOC.operations()).as("in openapi.yaml but not registered").isSubsetOf(registered);
    }

    @Test
    void theDocumentSaysWhichRoutesNeedNoToken() {
        for (SandboxerServer.Route route : t.server.routes()) {
            assertThat(DOC.isPublic(route.method(), route.path())).as(route.toString())
                    .isEqualTo(route.access() == Access.PUBLIC);
        }
    }

    @Test
    void theServedDocumentIsTheOneInTheRepository() {
        Api.Reply reply = t.api.get("/openapi.yaml", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/yaml");
        assertThat(reply.body()).isEqualTo(new String(HealthRoutes.openApi(), StandardCharsets.UTF_8));
    }

    @Test
    void sandboxAnswersFitTheirSchemas() {
        Api.Reply accepted = t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo",
                "inputs", Map.of("name", "ada"), "labels", Map.of("team", "qa")));
        conforms(accepted, "POST", "/v1/sandboxes", 202);
        String id = accepted.json().at("/sandbox/id").asText();
        String op = accepted.json().at("/operation/id").asText();

        Api.Reply ready = t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "echo",
                "inputs", Map.of("name", "bob")));
        conforms(ready, "POST", "/v1/sandboxes", 201);
        String readyId = ready.json().get("id").asText();

        conforms(t.api.get("/v1/sandboxes/" + readyId, t.agentP1), "GET", "/v1/sandboxes/{id}", 200);
        conforms(t.api.get("/v1/sandboxes?limit=2", t.agentP1), "GET", "/v1/sandboxes", 200);
        conforms(t.api.get("/v1/sandboxes/" + readyId + "/description", t.agentP1), "GET",
                "/v1/sandboxes/{id}/description", 200);
        conforms(t.api.post("/v1/sandboxes/" + readyId + "/exec", t.agentP1, Map.of("argv", List.of("echo", "hi"))),
                "POST", "/v1/sandboxes/{id}/exec", 200);
        conforms(t.api.post("/v1/sandboxes/" + readyId + "/extend", t.agentP1, Map.of("by", "5m")), "POST",
                "/v1/sandboxes/{id}/extend", 200);
        conforms(t.api.get("/v1/sandboxes/" + readyId + "/operations", t.agentP1), "GET",
                "/v1/sandboxes/{id}/operations", 200);
        conforms(t.api.get("/v1/operations/" + op, t.agentP1), "GET", "/v1/operations/{id}", 200);
        conforms(t.api.get("/v1/sandboxes/" + id + "/events", t.agentP1), "GET", "/v1/sandboxes/{id}/events", 200);
        conforms(t.api.get("/v1/events?limit=5", t.agentP1), "GET", "/v1/events", 200);
        conforms(t.api.post("/v1/sandboxes/" + readyId + "/recreate", t.agentP1, null), "POST",
                "/v1/sandboxes/{id}/recreate", 200);
        conforms(t.api.delete("/v1/sandboxes/" + readyId, t.agentP1), "DELETE", "/v1/sandboxes/{id}", 200);
        conforms(t.api.post("/v1/reap", t.admin, null), "POST", "/v1/reap", 200);
        conforms(t.api.post("/v1/reconcile?dryRun=true", t.admin, null), "POST", "/v1/reconcile", 200);
        conforms(t.api.post("/v1/reconcile", t.admin, null), "POST", "/v1/reconcile", 200);
    }

    @Test
    void billingAnswersFitTheirSchemasAndNeverShowAProviderKey() {
        conforms(t.api.post("/v1/estimates", t.agentP1, Map.of("profile", "echo", "inputs", Map.of("name", "e"),
                "ttl", "30m")), "POST", "/v1/estimates", 200);
        conforms(t.api.post("/v1/projects/p8/credits", t.admin, Map.of("amount", 5000, "memo", "conformance")),
                "POST", "/v1/projects/{project}/credits", 200);
        conforms(t.api.get("/v1/projects/p1/credits", t.agentP1), "GET", "/v1/projects/{project}/credits", 200);
        conforms(t.api.get("/v1/projects/p8/statement?from=2000-01-01", t.admin), "GET",
                "/v1/projects/{project}/statement", 200);
        conforms(t.api.get("/v1/projects/p1/billing-export?from=2000-01-01", t.agentP1), "GET",
                "/v1/projects/{project}/billing-export", 200);
        Api.Reply put = t.api.send("PUT", "/v1/projects/p1/provider-keys/reference", t.agentP1, "application/json",
                "{\"key\":\"sk-conformance-secret\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        conforms(put, "PUT", "/v1/projects/{project}/provider-keys/{extension}", 200);
        Api.Reply list = t.api.get("/v1/projects/p1/provider-keys", t.agentP1);
        conforms(list, "GET", "/v1/projects/{project}/provider-keys", 200);
        assertThat(put.body() + list.body()).doesNotContain("sk-conformance-secret");
        assertThat(String.join("\n", t.log)).doesNotContain("sk-conformance-secret");
        assertThat(t.api.delete("/v1/projects/p1/provider-keys/reference", t.agentP1).status()).isEqualTo(204);
    }

    @Test
    void catalogTokenAndSystemAnswersFitTheirSchemas() {
        conforms(t.api.get("/v1/profiles", t.agentP1), "GET", "/v1/profiles", 200);
        conforms(t.api.get("/v1/profiles/echo", t.agentP1), "GET", "/v1/profiles/{ref}", 200);
        conforms(t.api.send("POST", "/v1/profiles/validate", t.agentP1, "application/yaml",
                TestProfiles.ECHO.getBytes(StandardCharsets.UTF_8), Map.of()), "POST", "/v1/profiles/validate", 200);
        conforms(t.api.get("/v1/extensions", t.agentP1), "GET", "/v1/extensions", 200);
        conforms(t.api.get("/v1/version", t.agentP1), "GET", "/v1/version", 200);
        conforms(t.api.get("/v1/doctor", t.admin), "GET", "/v1/doctor", 200);
        Api.Reply created = t.api.post("/v1/tokens", t.admin, Map.of("consumer", "atm:nightly",
                "projects", List.of("p3")));
        conforms(created, "POST", "/v1/tokens", 201);
        conforms(t.api.get("/v1/tokens", t.admin), "GET", "/v1/tokens", 200);
        conforms(t.api.delete("/v1/tokens/" + created.json().get("id").asText(), t.admin), "DELETE",
                "/v1/tokens/{id}", 200);
        conforms(t.api.get("/healthz", null), "GET", "/healthz", 200);
        conforms(t.api.get("/readyz", null), "GET", "/readyz", 200);
    }

    @Test
    void hostAnswersFitTheirSchemas() {
        Api.Reply added = t.api.post("/v1/hosts", t.admin, Map.of("name", "oa-host", "address", "127.0.0.1",
                "keyFile", t.hostKeyFile().toString(), "acceptFingerprint", ThisMachineHosts.KEY,
                "workRoot", t.hostWorkRoot().toString(), "labels", Map.of("zone", "a")));
        conforms(added, "POST", "/v1/hosts", 201);
        conforms(t.api.get("/v1/hosts/oa-host", t.admin), "GET", "/v1/hosts/{name}", 200);
        conforms(t.api.get("/v1/hosts", t.admin), "GET", "/v1/hosts", 200);
        conforms(t.api.post("/v1/hosts/oa-host/drain", t.admin, null), "POST", "/v1/hosts/{name}/drain", 200);
        conforms(t.api.post("/v1/hosts/oa-host/activate", t.admin, null), "POST", "/v1/hosts/{name}/activate", 200);
        conforms(t.api.post("/v1/hosts", t.admin, Map.of("name", "oa-other", "address", "127.0.0.1",
                "keyFile", t.hostKeyFile().toString())), "POST", "/v1/hosts", 400);
        conforms(t.api.post("/v1/hosts", t.admin, Map.of("name", "oa-other", "address", ThisMachineHosts.UNREACHABLE,
                "keyFile", t.hostKeyFile().toString())), "POST", "/v1/hosts", 503);
        conforms(t.api.get("/v1/hosts/oa-missing", t.admin), "GET", "/v1/hosts/{name}", 404);
        t.plane.hosts().place("sb-oa-live", new dev.sandboxer.core.model.Host.Capacity(10, 1, 1), Map.of(),
                java.util.Optional.of("oa-host"), dev.sandboxer.core.host.Placement.Strategy.SPREAD);
        conforms(t.api.delete("/v1/hosts/oa-host", t.admin), "DELETE", "/v1/hosts/{name}", 409);
        t.plane.hosts().release("sb-oa-live");
        assertThat(t.api.delete("/v1/hosts/oa-host", t.admin).status()).isEqualTo(204);
    }

    @Test
    void problemAnswersFitTheProblemSchema() {
        conforms(t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "nope")), "POST", "/v1/sandboxes", 400);
        conforms(t.api.post("/v1/sandboxes", t.agentP1, "{\"profile\": \"echo\", \"colour\": 1}"), "POST",
                "/v1/sandboxes", 400);
        conforms(t.api.get("/v1/sandboxes/sb-missing", t.agentP1), "GET", "/v1/sandboxes/{id}", 404);
        conforms(t.api.get("/v1/sandboxes", null), "GET", "/v1/sandboxes", 401);
        conforms(t.api.get("/v1/tokens", t.agentP1), "GET", "/v1/tokens", 403);
        conforms(t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "doomed")), "POST",
                "/v1/sandboxes", 502);
        conforms(t.api.send("POST", "/v1/sandboxes", t.agentP1, "text/plain", "hi".getBytes(), Map.of()), "POST",
                "/v1/sandboxes", 415);
    }

    private static void conforms(Api.Reply reply, String method, String path, int status) {
        assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(status);
        String mediaType = Bodies.mediaType(reply.contentType());
        JsonNode schema = DOC.responseSchema(method, path, status, mediaType);
        assertThat(DOC.check.problems(reply.json(), schema)).as(method + " " + path + " " + status + ": "
                + reply.body()).isEmpty();
    }
}
