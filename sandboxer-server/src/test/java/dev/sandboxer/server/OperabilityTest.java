package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an operator relies on: health, readiness, metrics, and an access log that keeps secrets out. */
class OperabilityTest {
    private final TestServer t = TestServer.get();

    @Test
    void healthAndReadinessNeedNoToken() {
        assertThat(t.api.get("/healthz", null).json().get("status").asText()).isEqualTo("ok");
        assertThat(t.api.get("/readyz", null).json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void metricsCountRequestsByRouteTemplateLifecycleVerbsAndSandboxesByState() {
        String id = t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "echo",
                "inputs", Map.of("name", "metrics"))).json().get("id").asText();
        t.api.get("/v1/sandboxes/" + id, t.agentP1);
        t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "doomed"));

        String metrics = t.api.get("/metrics", null).body();

        assertThat(metrics)
                .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/v1/sandboxes/{id}\",status=\"200\"")
                .contains("sandboxer_lifecycle_total{extension=\"reference\",outcome=\"succeeded\",verb=\"create\"}")
                .contains("sandboxer_lifecycle_total{extension=\"reference\",outcome=\"failed\",verb=\"create\"}")
                .contains("sandboxer_sandboxes{state=\"ready\"}")
                .doesNotContain(id);
    }

    @Test
    void theAccessLogHasOneJsonLinePerRequestWithoutTokensOrBodies() throws Exception {
        t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo", "inputs", Map.of("name", "zebracorn")));
        t.api.get("/v1/sandboxes?cursor=abc", t.agentP1);

        List<JsonNode> lines = t.log.stream().filter(l -> l.contains("\"route\"") && !l.contains("\"level\""))
                .map(l -> {
                    try {
                        return Api.JSON.readTree(l);
                    } catch (Exception e) {
                        throw new AssertionError("not JSON: " + l, e);
                    }
                }).toList();
        JsonNode create = lines.stream().filter(l -> l.get("method").asText().equals("POST")
                && l.get("route").asText().equals("/v1/sandboxes")).reduce((a, b) -> b).orElseThrow();
        assertThat(create.get("status").asInt()).isEqualTo(202);
        assertThat(create.get("consumer").asText()).isEqualTo("agt:harness");
        assertThat(create.get("durationMs").isNumber()).isTrue();
        assertThat(t.log).noneMatch(l -> l.contains("zebracorn")).noneMatch(l -> l.contains("Bearer"))
                .noneMatch(l -> l.contains("cursor=abc"));
    }
}
