package dev.sandboxer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.spi.Endpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's done-criterion, spoken only through the client: an agent creates a sandbox, follows its events
 * to ready, reaches its port, extends it and destroys it. (RealBackendTest in the CLI module does the same
 * against podman with compose-e2e.)
 */
class ConsumerJourneyTest {
    @TempDir
    Path home;

    RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAgentCreatesFollowsReachesExtendsAndDestroysASandbox() throws Exception {
        try (SandboxerClient agent = server.client(server.token("agt:glas-harness", "p1"))) {
            Accepted accepted = agent.create(SandboxRequest.of("web-ref").project("p1").ttl(Duration.ofMinutes(20))
                    .label("ticket", "T-42").idempotencyKey("journey-1"));
            String id = accepted.sandbox().id();
            assertThat(accepted.operation()).as("a 202 names the operation to poll").isPresent();
            assertThat(accepted.sandbox().consumer().toString()).as("attribution comes from the token")
                    .isEqualTo("agt:glas-harness");

            List<String> seen = new ArrayList<>();
            try (EventFeed events = agent.follow(Optional.of(id), 0)) {
                while (events.hasNext()) {
                    CloudEvent event = events.next();
                    assertThat(event.subject()).isEqualTo(id);
                    seen.add(event.shortType());
                    if (event.shortType().equals("ready") || event.shortType().equals("failed")) {
                        break;
                    }
                }
            }
            assertThat(seen).startsWith("requested").endsWith("ready");

            Sandbox ready = agent.get(id);
            assertThat(ready.state()).isEqualTo(SandboxState.READY);
            Endpoint web = ready.endpoints().stream().filter(e -> e.name().equals("web")).findFirst().orElseThrow();
            assertThat(fetch(web.address())).isEqualTo("hello from the workload");

            Sandbox extended = agent.extend(id, Duration.ofMinutes(15));
            assertThat(extended.expiresAt()).isEqualTo(ready.expiresAt().plus(Duration.ofMinutes(15)));

            Sandbox destroyed = agent.destroy(id);
            assertThat(destroyed.state()).isEqualTo(SandboxState.DESTROYED);
            assertThat(agent.operations(id)).extracting(o -> o.verb().id()).containsExactly("create", "extend",
                    "destroy");
        }
    }

    /**
     * The reference extension keeps its sandboxes in memory and runs no workload, so nothing listens on the
     * port the engine published; a stand-in binds it, as the sandbox's own server would. What is proven is
     * that the address the client is given is a free local port a workload can be reached on.
     */
    private static String fetch(String address) throws Exception {
        URI uri = URI.create(address);
        HttpServer workload = HttpServer.create(new InetSocketAddress(uri.getHost(), uri.getPort()), 0);
        workload.createContext("/", exchange -> {
            byte[] body = "hello from the workload".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        workload.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } finally {
            workload.stop(0);
        }
    }
}
