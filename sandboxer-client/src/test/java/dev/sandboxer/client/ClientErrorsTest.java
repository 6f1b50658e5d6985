package dev.sandboxer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Consumer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every problem the server answers arrives as the exception an embedded caller would get, with the same code,
 * message and hint; what only a remote caller meets (tokens, an absent server) is a ClientException.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientErrorsTest {
    RunningServer server;
    SandboxerClient operator;

    @BeforeAll
    void start(@TempDir Path home) {
        server = RunningServer.start(home);
        operator = server.operator();
    }

    @AfterAll
    void stop() {
        operator.close();
        server.close();
    }

    @Test
    void anUnknownProfileIsInvalidWithItsCodeAndHint() {
        assertThatThrownBy(() -> operator.create(SandboxRequest.of("ecko")))
                .isInstanceOfSatisfying(SandboxerException.Invalid.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown-profile");
                    assertThat(e.getMessage()).contains("ecko");
                    assertThat(e.hint()).isNotBlank();
                    assertThat(e.exitCode()).isEqualTo(2);
                });
    }

    @Test
    void anUnknownSandboxIsNotFoundWordedAsEmbedded() {
        assertThatThrownBy(() -> operator.get("sb-nope"))
                .isInstanceOf(SandboxerException.NotFound.class)
                .hasMessage("sandbox sb-nope not found");
        assertThatThrownBy(() -> operator.extend("sb-nope", Duration.ofMinutes(5)))
                .isInstanceOf(SandboxerException.NotFound.class);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIsAConflict() {
        operator.create(SandboxRequest.of("web-ref").idempotencyKey("errors-1"), Duration.ofSeconds(10));
        assertThatThrownBy(() -> operator.create(SandboxRequest.of("web-ref").label("other", "request")
                .idempotencyKey("errors-1")))
                .isInstanceOfSatisfying(SandboxerException.Conflict.class,
                        e -> assertThat(e.code()).isEqualTo("idempotency-key-reused"));
    }

    @Test
    void aFailedProvisionCarriesTheSandboxAndTheBackendsDiagnostics() {
        assertThatThrownBy(() -> operator.createReady(SandboxRequest.of("doomed"), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(SandboxerException.ProvisionFailed.class, e -> {
                    assertThat(e.getMessage()).contains("the disk is on fire");
                    assertThat(e.diagnostics()).contains("spec asked to fail");
                    assertThat(e.sandboxId()).startsWith("sb-");
                    assertThat(e.hint()).contains("sandboxer describe " + e.sandboxId());
                });
    }

    @Test
    void aFailureSeenThroughEventsIsTheSameProvisionFailure() {
        Accepted accepted = operator.create(SandboxRequest.of("doomed"));
        var failed = operator.awaitSettled(accepted.sandbox().id(), Duration.ofSeconds(10));
        assertThat(failed.state().id()).isEqualTo("failed");
        var rebuilt = Settling.failure(failed);
        assertThat(rebuilt.getMessage()).isEqualTo("sandbox " + failed.id()
                + " failed: reference create failed: the disk is on fire");
        assertThat(rebuilt.diagnostics()).isEqualTo("spec asked to fail");
    }

    @Test
    void aMissingMalformedOrRevokedTokenIsUnauthenticated() {
        for (String token : new String[] {null, "not-a-token", "sbx_" + "A".repeat(43)}) {
            try (SandboxerClient stranger = server.client(token)) {
                assertThatThrownBy(stranger::list).isInstanceOfSatisfying(ClientException.AccessDenied.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("unauthenticated");
                    assertThat(e.hint()).isNotBlank();
                });
            }
        }
        var issued = operator.tokens().create(Consumer.parse("atm:ci"), Set.of("p1"));
        operator.tokens().revoke(issued.token().id());
        try (SandboxerClient revoked = server.client(issued.secret())) {
            assertThatThrownBy(revoked::list).isInstanceOf(ClientException.AccessDenied.class);
        }
    }

    @Test
    void anAgentOnAnOperatorRouteIsForbidden() {
        try (SandboxerClient agent = server.client(server.token("agt:bot", "p1"))) {
            assertThatThrownBy(agent::reap).isInstanceOfSatisfying(ClientException.AccessDenied.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.unauthenticated()).isFalse();
            });
            assertThatThrownBy(() -> agent.tokens().list()).isInstanceOf(ClientException.AccessDenied.class);
        }
    }

    @Test
    void anotherProjectsSandboxIsNotFoundForAnAgent() {
        String theirs = operator.createReady(SandboxRequest.of("web-ref").project("p2"), Duration.ofSeconds(10)).id();
        try (SandboxerClient agent = server.client(server.token("agt:bot", "p1"))) {
            assertThatThrownBy(() -> agent.describe(theirs)).isInstanceOf(SandboxerException.NotFound.class);
            assertThatThrownBy(() -> agent.destroy(theirs)).isInstanceOf(SandboxerException.NotFound.class);
        }
    }

    @Test
    void aServerThatIsNotThereIsUnreachable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (SandboxerClient nobody = SandboxerClient.builder().baseUrl("http://127.0.0.1:" + port)
                .token("sbx_x").connectTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(nobody::list).isInstanceOfSatisfying(ClientException.Unreachable.class, e -> {
                assertThat(e.getMessage()).contains("127.0.0.1:" + port);
                assertThat(e.hint()).contains("sandboxer serve");
            });
        }
    }

    @Test
    void somethingElseOnThePortIsAnUnexpectedAnswer() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>a wiki</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("GET") ? 200 : 500, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try (SandboxerClient confused = SandboxerClient.builder()
                .baseUrl("http://127.0.0.1:" + other.getAddress().getPort()).token("sbx_x").build()) {
            assertThatThrownBy(confused::list).isInstanceOf(ClientException.UnexpectedAnswer.class)
                    .hasMessageContaining("not the expected JSON");
            assertThatThrownBy(confused::reap).isInstanceOfSatisfying(ClientException.UnexpectedAnswer.class, e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.getMessage()).contains("<html>a wiki</html>");
            });
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aBadBaseUrlIsRefusedAtOnce() {
        assertThatThrownBy(() -> SandboxerClient.builder().baseUrl("127.0.0.1:7780"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> SandboxerClient.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
