package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stopping a server: in-flight requests and creates finish within the grace period, or are recorded ended. */
class GracefulStopTest {
    private final TestServer t = TestServer.get();

    @AfterEach
    void letCreatesThrough() {
        GatedExtension.open();
    }

    @Test
    void aRequestWaitingOnACreateIsAnsweredWhileTheServerStops() throws Exception {
        SandboxerServer server = t.startAnother(ServerSettings.defaults().withGrace(Duration.ofSeconds(20)));
        Api api = new Api(server.uri());
        GatedExtension.hold();
        CompletableFuture<Api.Reply> waiting = CompletableFuture.supplyAsync(() -> api.post(
                "/v1/sandboxes?wait=true&timeout=30s", t.agentP1, Map.of("profile", "gated")));
        GatedExtension.awaitArrivals(1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(server));
        GatedExtension.open();

        Api.Reply answer = waiting.get(20, TimeUnit.SECONDS);
        stopping.get(20, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("state").asText()).isEqualTo("ready");
        assertThatThrownBy(() -> api.get("/healthz", null)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aCreateStillRunningWhenTheGraceEndsIsInterruptedAndRecordedAsEnded() throws Exception {
        SandboxerServer server = t.startAnother(ServerSettings.defaults().withGrace(Duration.ofMillis(300)));
        Api api = new Api(server.uri());
        GatedExtension.hold();
        Api.Reply accepted = api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "gated"));
        assertThat(accepted.status()).isEqualTo(202);
        GatedExtension.awaitArrivals(1);

        server.stop();

        String id = accepted.json().at("/sandbox/id").asText();
        JsonNode operation = t.api.get("/v1/operations/" + accepted.json().at("/operation/id").asText(), t.agentP1)
                .json();
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").asText()).contains("interrupted");
        assertThat(t.api.get("/v1/sandboxes/" + id, t.agentP1).json().get("state").asText()).isEqualTo("failed");
    }

    @Test
    void stoppingTwiceIsHarmless() {
        SandboxerServer server = t.startAnother(ServerSettings.defaults().withGrace(Duration.ofSeconds(1)));

        server.stop();
        server.close();

        assertThat(accepts(server)).isFalse();
    }

    private static boolean accepts(SandboxerServer server) {
        try (Socket socket = new Socket(server.uri().getHost(), server.port())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
