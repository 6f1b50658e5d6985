package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every way a request can be wrong is a 4xx problem with a stable code, naming the field when there is one. */
class ErrorModelTest {
    private final TestServer t = TestServer.get();

    private JsonNode problem(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(Problem.MEDIA_TYPE);
        JsonNode problem = reply.json();
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("type").asText()).isEqualTo(Problem.TYPE_BASE + code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }

    @Test
    void malformedJsonUnknownFieldsAndWrongTypesAreBadRequests() {
        problem(t.api.post("/v1/sandboxes", t.agentP1, "{\"profile\": "), 400, "malformed-json");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, "{\"profile\":\"echo\",\"colour\":\"blue\"}"), 400,
                "unknown-field").get("field").asText()).isEqualTo("colour");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, "{\"profile\":\"echo\",\"inputs\":{\"name\":7}}"),
                400, "invalid-field").get("field").asText()).isEqualTo("inputs.name");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, "{\"profile\":\"echo\",\"labels\":{\"a\":null}}"),
                400, "invalid-field").get("field").asText()).isEqualTo("labels.a");
        problem(t.api.post("/v1/sandboxes", t.agentP1, "[]"), 400, "invalid-body");
        problem(t.api.post("/v1/sandboxes", t.agentP1, "{} {}"), 400, "malformed-json");
        problem(t.api.send("POST", "/v1/sandboxes", t.agentP1, "application/json", new byte[0], Map.of()), 400,
                "missing-body");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, "{\"inputs\":{}}"), 400, "missing-field")
                .get("field").asText()).isEqualTo("profile");
    }

    @Test
    void theEnginesValidationErrorsNameTheField() {
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "nope")), 400, "unknown-profile")
                .get("field").asText()).isEqualTo("profile");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo", "inputs",
                Map.of("name", "UPPER"))), 400, "invalid-input").get("field").asText()).isEqualTo("inputs");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo", "inputs",
                Map.of("name", "x"), "ttl", "3h")), 400, "ttl-too-long").get("field").asText()).isEqualTo("ttl");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo", "inputs",
                Map.of("name", "x"), "ttl", "soon")), 400, "invalid-ttl").get("field").asText()).isEqualTo("ttl");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo", "inputs",
                Map.of("name", "x"), "labels", Map.of("dev.sandboxer.owner", "me"))), 400, "invalid-label")
                .get("field").asText()).isEqualTo("labels");
        // echo runs on the reference extension, which places nothing on hosts: a pin is refused, not ignored.
        JsonNode pinned = problem(t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo", "inputs",
                Map.of("name", "x"), "host", "build-2")), 400, "invalid-field");
        assertThat(pinned.get("field").asText()).isEqualTo("host");
        assertThat(pinned.get("detail").asText()).contains("--host", "reference");
    }

    @Test
    void aBadRequestChangesNothing() {
        long before = t.api.get("/v1/sandboxes?all=true&limit=1000", t.admin).json().get("items").size();

        t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo", "inputs", Map.of("name", "x"), "ttl", "9h"));
        t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo", "inputs", Map.of("name", "x"), "host", "b2"));

        assertThat(t.api.get("/v1/sandboxes?all=true&limit=1000", t.admin).json().get("items").size())
                .isEqualTo(before);
    }

    @Test
    void wrongContentTypesAndOversizedBodiesAreRefusedBeforeParsing() {
        assertThat(problem(t.api.send("POST", "/v1/sandboxes", t.agentP1, "text/plain", "{}".getBytes(), Map.of()),
                415, "unsupported-media-type").get("field").asText()).isEqualTo("Content-Type");
        problem(t.api.send("POST", "/v1/sandboxes", t.agentP1, null, "{}".getBytes(), Map.of()), 415,
                "unsupported-media-type");
        problem(t.api.send("POST", "/v1/profiles/validate", t.agentP1, "application/json", "{}".getBytes(), Map.of()),
                415, "unsupported-media-type");
        byte[] big = ("{\"profile\":\"" + "x".repeat(Bodies.LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        problem(t.api.send("POST", "/v1/sandboxes", t.agentP1, "application/json", big, Map.of()), 413,
                "body-too-large");
    }

    @Test
    void unknownRoutesMethodsAndParametersAreProblemsToo() {
        problem(t.api.get("/v1/nothing-here", t.agentP1), 404, "not-found");
        problem(t.api.send("PUT", "/v1/sandboxes", t.agentP1, null, null, Map.of()), 405, "method-not-allowed");
        assertThat(problem(t.api.get("/v1/events?limit=0", t.agentP1), 400, "invalid-limit").get("field").asText())
                .isEqualTo("limit");
        assertThat(problem(t.api.get("/v1/version?verbose=1", t.agentP1), 400, "unknown-parameter").get("field")
                .asText()).isEqualTo("verbose");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo"),
                Map.of("Idempotency-Key", "has spaces")), 400, "invalid-idempotency-key").get("field").asText())
                .isEqualTo("Idempotency-Key");
    }

    @Test
    void authenticationProblemsSayHowToAuthenticate() {
        Api.Reply missing = t.api.get("/v1/sandboxes", null);
        Api.Reply wrongScheme = t.api.send("GET", "/v1/sandboxes", null, null, null,
                Map.of("Authorization", "Basic dXNlcjpwdw=="));

        problem(missing, 401, "unauthenticated");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        problem(wrongScheme, 401, "unauthenticated");
        assertThat(problem(t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "echo", "project", "p2",
                "inputs", Map.of("name", "x"))), 403, "forbidden").get("detail").asText()).contains("p2");
        assertThat(problem(t.api.post("/v1/reap", t.automationP2, null), 403, "forbidden").get("hint").asText())
                .isNotBlank();
    }

    @Test
    void profileValidationReportsProblemsWithTheGivenFileName() {
        Api.Reply checked = t.api.send("POST", "/v1/profiles/validate?name=mine.yaml", t.agentP1, "application/yaml",
                "id: broken\nversion: 1\ncolour: blue\n".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(checked.status()).isEqualTo(200);
        List<String> problems = Api.JSON.convertValue(checked.json().get("problems"),
                Api.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(problems).isNotEmpty().allMatch(p -> p.startsWith("mine.yaml:"));
        problem(t.api.send("POST", "/v1/profiles/validate", t.agentP1, "application/yaml",
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x00}, Map.of()), 400, "invalid-encoding");
    }
}
