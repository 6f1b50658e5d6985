package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The verbs after create: list with cursors and filters, exec, extend and destroy, also racing each other. */
class SandboxVerbsTest {
    private final TestServer t = TestServer.get();

    private String ready(String token, Map<String, String> labels) {
        Api.Reply created = t.api.post("/v1/sandboxes?wait=true", token, Map.of("profile", "echo",
                "inputs", Map.of("name", "verbs"), "labels", labels));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void listPagesWithACursorUntilTheLastPageAndKeepsItsFilters() {
        String batch = "b" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            made.add(ready(t.agentP1, Map.of("batch", batch)));
        }
        ready(t.agentP1, Map.of("batch", "other"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page = t.api.get("/v1/sandboxes?limit=2&state=ready&label=batch=" + batch
                    + (cursor == null ? "" : "&cursor=" + cursor), t.agentP1);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(s -> seen.add(s.get("id").asText()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(made);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void listingHidesDestroyedSandboxesUnlessAskedAndRefusesUnknownFilters() {
        String id = ready(t.agentP1, Map.of());
        t.api.delete("/v1/sandboxes/" + id, t.agentP1);

        assertThat(t.api.get("/v1/sandboxes?limit=1000", t.agentP1).body()).doesNotContain(id);
        assertThat(t.api.get("/v1/sandboxes?limit=1000&all=true", t.agentP1).body()).contains(id);
        Api.Reply typo = t.api.get("/v1/sandboxes?states=ready", t.agentP1);
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("field").asText()).isEqualTo("states");
        assertThat(t.api.get("/v1/sandboxes?state=frozen", t.agentP1).json().get("field").asText())
                .isEqualTo("state");
        assertThat(t.api.get("/v1/sandboxes?cursor=nonsense", t.agentP1).json().get("code").asText())
                .isEqualTo("invalid-cursor");
    }

    @Test
    void execRunsArgvAndPassesTheExitCodeBack() {
        String id = ready(t.agentP1, Map.of());

        JsonNode hi = t.api.post("/v1/sandboxes/" + id + "/exec", t.agentP1, Map.of("argv",
                List.of("sh", "-c", "echo hi"))).json();
        JsonNode exit3 = t.api.post("/v1/sandboxes/" + id + "/exec", t.agentP1, Map.of("argv",
                List.of("sh", "-c", "exit 3"))).json();

        assertThat(hi.get("exitCode").asInt()).isZero();
        assertThat(hi.get("stdout").asText()).isEqualTo("hi\n");
        assertThat(exit3.get("exitCode").asInt()).isEqualTo(3);
    }

    @Test
    void extendBeyondTheHardMaximumNamesTheByField() {
        String id = ready(t.agentP1, Map.of());

        Api.Reply refused = t.api.post("/v1/sandboxes/" + id + "/extend", t.agentP1, Map.of("by", "3h"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("ttl-too-long");
        assertThat(refused.json().get("field").asText()).isEqualTo("by");
    }

    @Test
    void destroyIsIdempotentAndRecordsTheReason() {
        String id = ready(t.agentP1, Map.of());

        Api.Reply first = t.api.delete("/v1/sandboxes/" + id + "?reason=done", t.agentP1);
        Api.Reply again = t.api.delete("/v1/sandboxes/" + id, t.agentP1);

        assertThat(first.json().get("state").asText()).isEqualTo("destroyed");
        assertThat(again.status()).isEqualTo(200);
        JsonNode operations = t.api.get("/v1/sandboxes/" + id + "/operations", t.agentP1).json();
        assertThat(operations.findValuesAsText("reason")).contains("done");
        assertThat(operations.findValuesAsText("verb").stream().filter("destroy"::equals)).hasSize(1);
    }

    /** Extends and a destroy at once, many times: the sandbox always ends destroyed, never extended after it. */
    @Test
    void extendRacingDestroyNeverResurrectsTheSandbox() throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int round = 0; round < 12; round++) {
                String id = ready(t.agentP1, Map.of());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Api.Reply>> calls = new ArrayList<>();
                calls.add(pool.submit(() -> {
                    start.await();
                    return t.api.delete("/v1/sandboxes/" + id, t.agentP1);
                }));
                for (int i = 0; i < 3; i++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        return t.api.post("/v1/sandboxes/" + id + "/extend", t.agentP1, Map.of("by", "1m"));
                    }));
                }
                start.countDown();
                for (Future<Api.Reply> call : calls) {
                    Api.Reply reply = call.get();
                    assertThat(reply.status()).as(reply.body()).isIn(200, 409);
                }

                JsonNode sandbox = t.api.get("/v1/sandboxes/" + id, t.agentP1).json();
                assertThat(sandbox.get("state").asText()).as("round " + round).isEqualTo("destroyed");
                List<String> types = new ArrayList<>();
                t.api.get("/v1/sandboxes/" + id + "/events", t.agentP1).json()
                        .forEach(e -> types.add(e.get("type").asText()));
                assertThat(types.getLast()).as("round %d: %s", round, types).isEqualTo("dev.sandboxer.sandbox.destroyed");
                JsonNode operations = t.api.get("/v1/sandboxes/" + id + "/operations", t.agentP1).json();
                assertThat(operations.findValuesAsText("status")).as("round %d: %s", round, operations)
                        .doesNotContain("running");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void describeAnswersTheSevenQuestions() {
        String id = ready(t.agentP1, Map.of("ticket", "T-1"));

        JsonNode description = t.api.get("/v1/sandboxes/" + id + "/description", t.agentP1).json();

        assertThat(description.at("/recipe/profile").asText()).isEqualTo("echo");
        assertThat(description.at("/backend/extension").asText()).isEqualTo("reference");
        assertThat(description.at("/history/operations/0/verb").asText()).isEqualTo("create");
        assertThat(description.at("/recipe/labels/ticket").asText()).isEqualTo("T-1");
    }
}
