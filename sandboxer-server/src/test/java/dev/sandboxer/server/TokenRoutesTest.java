package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Operators issue, list and revoke tokens over the API; a secret is shown once and stored nowhere. */
class TokenRoutesTest {
    private final TestServer t = TestServer.get();

    private Api.Reply issue(String consumer, List<String> projects) {
        return t.api.post("/v1/tokens", t.admin, Map.of("consumer", consumer, "projects", projects));
    }

    @Test
    void anIssuedTokenWorksAtOnceAndIsBoundToItsConsumerAndProjects() {
        Api.Reply issued = issue("agt:new-harness", List.of("p5"));

        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
        String secret = issued.json().get("token").asText();
        Api.Reply created = t.api.post("/v1/sandboxes?wait=true", secret, Map.of("profile", "echo",
                "inputs", Map.of("name", "fresh")));
        assertThat(created.json().get("consumer").asText()).isEqualTo("agt:new-harness");
        assertThat(created.json().get("project").asText()).isEqualTo("p5");
    }

    @Test
    void listingNeverShowsASecretOrItsHash() {
        String secret = issue("atm:lister", List.of("p6")).json().get("token").asText();

        Api.Reply listed = t.api.get("/v1/tokens", t.admin);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(secret).doesNotContain(secret.substring(4))
                .doesNotContain("\"token\"").doesNotContain("secret").doesNotContain("hash");
        assertThat(listed.json().findValuesAsText("consumer")).contains("atm:lister", "adm:ops");
    }

    @Test
    void aSecretPastedWhereATokenIdBelongsIsNeitherEchoedNorLogged() {
        String secret = issue("agt:pasted", List.of("p1")).json().get("token").asText();
        int logged = t.log.size();

        Api.Reply answer = t.api.delete("/v1/tokens/" + secret, t.admin);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain(secret.substring(4, 24)).contains("sbx_<redacted>");
        assertThat(t.log.subList(logged, t.log.size())).isNotEmpty()
                .noneMatch(line -> line.contains(secret.substring(4, 24)));
        assertThat(t.api.get("/v1/sandboxes", secret).status()).as("not revoked by its secret").isEqualTo(200);
    }

    @Test
    void aRevokedTokenIsRefusedFromTheNextRequestOn() {
        JsonNode issued = issue("agt:short-lived", List.of("p1")).json();
        String secret = issued.get("token").asText();
        assertThat(t.api.get("/v1/sandboxes", secret).status()).isEqualTo(200);

        Api.Reply revoked = t.api.delete("/v1/tokens/" + issued.get("id").asText(), t.admin);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
        assertThat(t.api.get("/v1/sandboxes", secret).status()).isEqualTo(401);
        assertThat(t.api.delete("/v1/tokens/tk-nosuchtoken", t.admin).status()).isEqualTo(404);
    }

    @Test
    void secretsNeverReachTheDatabaseFilesOrTheLog() throws IOException {
        String secret = issue("agt:careful", List.of("p1")).json().get("token").asText();
        t.api.get("/v1/sandboxes", secret);

        try (Stream<Path> files = Files.list(t.home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.getFileName().toString()).doesNotContain(secret.substring(4));
            }
        }
        for (String token : List.of(secret, t.admin, t.agentP1, t.automationP2, t.revoked)) {
            assertThat(t.log).noneMatch(line -> line.contains(token.substring(4)));
        }
    }

    @Test
    void aTokenRequestThatDoesNotFitItsKindIsRefusedNamingTheField() {
        Api.Reply admWithProjects = issue("adm:root", List.of("p1"));
        Api.Reply agentWithout = t.api.post("/v1/tokens", t.admin, Map.of("consumer", "agt:x"));
        Api.Reply badConsumer = issue("robot:x", List.of("p1"));

        assertThat(admWithProjects.status()).isEqualTo(400);
        assertThat(admWithProjects.json().get("field").asText()).isEqualTo("projects");
        assertThat(agentWithout.json().get("code").asText()).isEqualTo("invalid-projects");
        assertThat(badConsumer.json().get("field").asText()).isEqualTo("consumer");
    }
}
