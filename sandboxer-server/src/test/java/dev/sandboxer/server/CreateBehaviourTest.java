package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creates as API users see them: 202 and an operation to poll, waiting when asked, idempotency keys. */
class CreateBehaviourTest {
    private final TestServer t = TestServer.get();

    @AfterEach
    void letCreatesThrough() {
        GatedExtension.open();
    }

    @Test
    void aCreateAnswers202WithAnOperationThatSucceedsOnceTheSandboxIsReady() throws Exception {
        GatedExtension.hold();
        Api.Reply accepted = t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "gated"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String operation = accepted.json().at("/operation/id").asText();
        assertThat(accepted.header("Location")).isEqualTo("/v1/operations/" + operation);
        assertThat(accepted.json().at("/sandbox/consumer").asText()).isEqualTo("agt:harness");
        assertThat(accepted.json().at("/sandbox/project").asText()).isEqualTo("p1");
        GatedExtension.awaitArrivals(1);
        assertThat(t.api.get("/v1/operations/" + operation, t.agentP1).json().get("status").asText())
                .isEqualTo("running");

        GatedExtension.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> t.api.get("/v1/operations/" + operation, t.agentP1)
                .json().get("status").asText().equals("succeeded"));
        String id = accepted.json().at("/sandbox/id").asText();
        assertThat(t.api.get("/v1/sandboxes/" + id, t.agentP1).json().get("state").asText()).isEqualTo("ready");
    }

    @Test
    void waitTrueAnswersTheReadySandboxWith201() {
        Api.Reply ready = t.api.post("/v1/sandboxes?wait=true&timeout=30s", t.agentP1, Map.of("profile", "echo",
                "inputs", Map.of("name", "wait")));

        assertThat(ready.status()).as(ready.body()).isEqualTo(201);
        assertThat(ready.json().get("state").asText()).isEqualTo("ready");
        assertThat(ready.header("Location")).isEqualTo("/v1/sandboxes/" + ready.json().get("id").asText());
    }

    @Test
    void waitThatRunsOutAnswers202AndTheCreateCarriesOn() throws Exception {
        GatedExtension.hold();
        Api.Reply accepted = t.api.post("/v1/sandboxes?wait=true&timeout=300ms", t.agentP1, Map.of("profile",
                "gated"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().at("/operation/status").asText()).isEqualTo("running");
        GatedExtension.open();
        String id = accepted.json().at("/sandbox/id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> t.api.get("/v1/sandboxes/" + id, t.agentP1).json()
                .get("state").asText().equals("ready"));
    }

    @Test
    void aFailedProvisionIsA502WhenWaitingAndAFailedOperationOtherwise() {
        Api.Reply waited = t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "doomed"));

        assertThat(waited.status()).isEqualTo(502);
        assertThat(waited.json().get("code").asText()).isEqualTo("provision-failed");
        assertThat(waited.json().get("detail").asText()).contains("the disk is on fire");
        assertThat(waited.json().get("diagnostics").asText()).isNotBlank();

        Api.Reply accepted = t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "doomed"));
        String operation = accepted.json().at("/operation/id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> t.api.get("/v1/operations/" + operation, t.agentP1)
                .json().get("status").asText().equals("failed"));
        assertThat(t.api.get("/v1/sandboxes/" + accepted.json().at("/sandbox/id").asText(), t.agentP1).json()
                .get("state").asText()).isEqualTo("failed");
    }

    @Test
    void theSameIdempotencyKeyAndRequestGetTheSameSandbox() {
        Map<String, String> key = Map.of("Idempotency-Key", "run-" + UUID.randomUUID());
        Map<String, Object> body = Map.of("profile", "echo", "inputs", Map.of("name", "idem"));
        Api.Reply first = t.api.post("/v1/sandboxes?wait=true", t.agentP1, body, key);
        Api.Reply again = t.api.post("/v1/sandboxes", t.agentP1, body, key);
        Api.Reply waitedAgain = t.api.post("/v1/sandboxes?wait=true", t.agentP1, body, key);

        assertThat(first.status()).isEqualTo(201);
        String id = first.json().get("id").asText();
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().at("/sandbox/id").asText()).isEqualTo(id);
        assertThat(waitedAgain.status()).isEqualTo(201);
        assertThat(waitedAgain.json().get("id").asText()).isEqualTo(id);
        long made = t.api.get("/v1/sandboxes?limit=1000", t.agentP1).json().get("items").findValuesAsText("id")
                .stream().filter(id::equals).count();
        assertThat(made).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyWithADifferentRequestIsAConflict() {
        Map<String, String> key = Map.of("Idempotency-Key", "run-" + UUID.randomUUID());
        t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "echo", "inputs", Map.of("name", "one")),
                key);

        Api.Reply other = t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo",
                "inputs", Map.of("name", "two")), key);

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("code").asText()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void attributionComesFromTheTokenAndTheProjectDefaultsToTheTokensOnlyOne() {
        Api.Reply created = t.api.post("/v1/sandboxes?wait=true", t.automationP2, Map.of("profile", "echo",
                "inputs", Map.of("name", "ci")));

        JsonNode sandbox = created.json();
        assertThat(sandbox.get("consumer").asText()).isEqualTo("atm:ci");
        assertThat(sandbox.get("project").asText()).isEqualTo("p2");
        JsonNode operations = t.api.get("/v1/sandboxes/" + sandbox.get("id").asText() + "/operations",
                t.automationP2).json();
        assertThat(operations.get(0).get("initiator").asText()).isEqualTo("atm:ci");
    }

    @Test
    void aBodyCannotClaimAnotherConsumer() {
        Api.Reply refused = t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo",
                "inputs", Map.of("name", "x"), "consumer", "adm:root"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("unknown-field");
        assertThat(refused.json().get("field").asText()).isEqualTo("consumer");
    }
}
