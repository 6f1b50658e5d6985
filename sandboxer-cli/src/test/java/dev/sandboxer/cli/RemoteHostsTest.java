package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.transport.ssh.SshdHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An operator's tour over two hosts, each a real OpenSSH server on 127.0.0.1 with its own data directory, both
 * running this machine's podman: add the hosts, create compose stacks with compose-ssh that land by capacity and
 * answer on their published ports, see the placement in describe, a host going down, and nothing left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteHostsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalTransport HOST = new LocalTransport();
    private SshdHost big;
    private SshdHost small;
    private Path home;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> made = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        CommandResult images = HOST.run(Command.of(Path.of("..", "scripts", "build-images.sh").toAbsolutePath()
                .normalize().toString()).withTimeout(Duration.ofMinutes(3)));
        assertThat(images.ok()).as(images.stderr()).isTrue();
        big = SshdHost.start("big");
        small = SshdHost.start("small");
        home = Files.createTempDirectory("sandboxer-hosts-e2e");
        env.put("USER", "e2e");
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Files.createDirectories(home.resolve("profiles"));
        Files.writeString(home.resolve("profiles").resolve("remote-e2e.yaml"), """
                id: remote-e2e
                version: 1
                description: one web service on a registered host
                extension: compose-ssh
                requires: [multi-service, published-ports]
                ttl: {default: 10m, max: 1h}
                resources: {cpu: 0.5, memory: 256Mi}
                readiness:
                  http: {port: web, path: /, status: 200}
                  timeout: 30s
                  interval: 250ms
                reach:
                  ports:
                    - {name: web, service: web, port: 8080, protocol: http}
                backend:
                  compose-ssh:
                    services:
                      web:
                        image: localhost/sandboxer/busybox:latest
                        command: ["sh", "-c", "trap 'exit 0' TERM; mkdir -p /www && hostname > /www/index.html; httpd -f -p 8080 -h /www & wait"]
                """);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            for (String id : made) {
                cli("destroy", id);
            }
            assertThat(HOST.run(Command.of("podman", "ps", "-a", "--filter", "label=dev.sandboxer.profile=remote-e2e",
                    "--format", "{{.Names}}")).stdout()).as("containers left").isBlank();
            assertThat(Files.list(big.data().resolve("compose-ssh")).toList()).as("work directories left").isEmpty();
        } finally {
            big.close();
            small.close();
            HOST.deleteTree(home.toString());
        }
    }

    private CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("--home", home.toString()));
        argv.addAll(List.of(args));
        CliEnvironment cli = new CliEnvironment(env, ControlPlanes.perCommand(), new SearchPathTransport(env),
                Clock.systemUTC(), false);
        int exit = Main.run(argv.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), cli);
        return new CliRun(exit, out.toString(), err.toString());
    }

    private void add(SshdHost host, String name, String cpu, String memory, int max) throws Exception {
        CliRun added = cli("hosts", "add", name, "--address", "127.0.0.1", "--port", Integer.toString(host.port()),
                "--key", SshdHost.clientKey().toString(), "--accept-fingerprint", host.fingerprint(),
                "--work-root", host.data().toString(), "--cpu", cpu, "--memory", memory,
                "--max-sandboxes", Integer.toString(max));
        assertThat(added.exitCode()).as(added.toString()).isZero();
    }

    private JsonNode create() throws Exception {
        CliRun run = cli("create", "--profile", "remote-e2e", "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode sandbox = JSON.readTree(run.out());
        made.add(sandbox.get("id").asText());
        return sandbox;
    }

    @Test
    void sandboxesLandByCapacityAnswerOnTheirPortsAndAHostDownFailsCleanly() throws Exception {
        add(big, "big", "2", "2Gi", 2);
        add(small, "small", "0.5", "256Mi", 1);

        // spread: "big" is left less used by the first two; then it is full (2 sandboxes) and "small" takes one.
        List<String> where = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode sandbox = create();
            assertThat(sandbox.get("state").asText()).isEqualTo("ready");
            String web = sandbox.get("endpoints").get(0).get("address").asText();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            CliRun describe = cli("describe", sandbox.get("id").asText());
            assertThat(describe.out()).contains("placement: spread");
            where.add(describe.out().contains("host big (ssh://root@127.0.0.1:" + big.port()) ? "big"
                    : describe.out().contains("host small (ssh://root@127.0.0.1:" + small.port()) ? "small" : "?");
        }
        assertThat(where).containsExactly("big", "big", "small");
        assertThat(Files.list(big.data().resolve("compose-ssh")).count()).isEqualTo(2);
        assertThat(Files.list(small.data().resolve("compose-ssh")).count()).isEqualTo(1);

        // Every host is full: the sandbox fails at once, saying why of each host, and holds no place.
        CliRun full = cli("create", "--profile", "remote-e2e");
        assertThat(full.exitCode()).as(full.toString()).isEqualTo(6);
        assertThat(full.err()).contains("no host can take a sandbox needing 500m cpu and 256 MiB", "big (full",
                "small (full").doesNotContain("cleanup also failed");

        // A host that went down: telemetry marks it stale and placement keeps off it.
        cli("destroy", made.removeFirst());
        big.down();
        CliRun listed = cli("hosts", "list", "--refresh");
        assertThat(listed.out()).contains("stale");
        CliRun refused = cli("create", "--profile", "remote-e2e");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(6);
        assertThat(refused.err()).contains("big (stale");
        big.up();
        assertThat(cli("hosts", "list", "--refresh").out()).doesNotContain("stale");
        assertThat(cli("hosts", "remove", "small").exitCode()).isEqualTo(4);
    }
}
