package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.client.Accepted;
import dev.sandboxer.client.CloudEvent;
import dev.sandboxer.client.EventFeed;
import dev.sandboxer.client.SandboxRequest;
import dev.sandboxer.client.SandboxerClient;
import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.server.SandboxerServer;
import dev.sandboxer.server.ServerSettings;
import dev.sandboxer.spi.Endpoint;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's done-criterion against the real backend: a consumer that speaks only through the Java client
 * creates a compose-e2e sandbox (real podman-compose), follows its events to ready, reaches its published port,
 * extends it and destroys it, and nothing with its label is left on podman.
 */
class ClientComposeJourneyTest {
    private static final LocalTransport HOST = new LocalTransport();

    @TempDir
    Path home;

    @Test
    void aClientOnlyConsumerRunsAComposeSandboxFromCreateToDestroy() throws Exception {
        CommandResult images = HOST.run(Command.of(List.of(Path.of("..", "scripts", "build-images.sh")
                .toAbsolutePath().normalize().toString())).withTimeout(Duration.ofMinutes(3)));
        assertThat(images.ok()).as(images.stderr()).isTrue();
        Map<String, String> env = Map.of("USER", "journey", "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Files.createDirectories(home);
        try (ControlPlane plane = ControlPlane.open(new SandboxerHome(home), env, Clock.systemUTC())) {
            String token = plane.tokens().create(Consumer.parse("agt:glas-harness"), Set.of("p1")).secret();
            SandboxerServer server = SandboxerServer.start(plane, ServerSettings.defaults().withPort(0)
                    .withLog(line -> { }));
            String id = null;
            try (SandboxerClient agent = SandboxerClient.builder().baseUrl(server.uri().toString()).token(token)
                    .build()) {
                Accepted accepted = agent.create(SandboxRequest.of("compose-e2e").project("p1")
                        .input("greeting", "Hi from the client").ttl(Duration.ofMinutes(20)));
                id = accepted.sandbox().id();
                assertThat(accepted.sandbox().consumer().toString()).isEqualTo("agt:glas-harness");

                List<String> seen = new ArrayList<>();
                try (EventFeed events = agent.follow(Optional.of(id), 0)) {
                    while (events.hasNext()) {
                        CloudEvent event = events.next();
                        seen.add(event.shortType());
                        if (event.shortType().equals("ready") || event.shortType().equals("failed")) {
                            break;
                        }
                    }
                }
                assertThat(seen).startsWith("requested").endsWith("ready");

                Sandbox ready = agent.get(id);
                assertThat(ready.state()).isEqualTo(SandboxState.READY);
                Endpoint web = ready.endpoints().stream().filter(e -> e.name().equals("web")).findFirst()
                        .orElseThrow();
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(web.address())).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("Hi from the client");

                Sandbox extended = agent.extend(id, Duration.ofMinutes(15));
                assertThat(extended.expiresAt()).isEqualTo(ready.expiresAt().plus(Duration.ofMinutes(15)));

                assertThat(agent.destroy(id).state()).isEqualTo(SandboxState.DESTROYED);
                assertThat(agent.operations(id)).extracting(o -> o.verb().id())
                        .containsExactly("create", "extend", "destroy");
            } finally {
                if (id != null) {
                    plane.engine().destroy(id, Consumer.parse("adm:cleanup"), "test-cleanup",
                            dev.sandboxer.core.engine.Scope.ALL);
                }
                server.stop();
            }
            assertThat(podmanResources("dev.sandboxer.sandbox=" + id)).as("nothing of the sandbox is left").isEmpty();
        }
    }

    private static List<String> podmanResources(String label) {
        List<String> found = new ArrayList<>();
        for (List<String> argv : List.of(
                List.of("podman", "ps", "-a", "--filter", "label=" + label, "--format", "{{.Names}}"),
                List.of("podman", "network", "ls", "--filter", "label=" + label, "--format", "{{.Name}}"),
                List.of("podman", "volume", "ls", "--filter", "label=" + label, "--format", "{{.Name}}"))) {
            CommandResult listed = HOST.run(Command.of(argv));
            assertThat(listed.ok()).as(listed.stderr()).isTrue();
            listed.stdout().lines().filter(l -> !l.isBlank()).forEach(found::add);
        }
        return found;
    }
}
