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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code create --host} over two real OpenSSH servers on 127.0.0.1 (both running this machine's podman): the pin
 * wins over what spread would choose and over the profile's placement.host, and a host that cannot take the
 * sandbox (unknown, draining) is refused with the reason, holding no place and leaving nothing on any host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostPinTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalTransport HOST = new LocalTransport();
    private static final String PROFILE = """
            id: %s
            version: 1
            description: a sleeping container on a registered host
            extension: podman-ssh
            ttl: {default: 10m, max: 1h}
            resources: {cpu: 0.5, memory: 128Mi}
            backend:
              podman-ssh:
                %s
                image: localhost/sandboxer/busybox:latest
                command: ["sleep", "600"]
            """;
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
        big = SshdHost.start("pin-big");
        small = SshdHost.start("pin-small");
        home = Files.createTempDirectory("sandboxer-host-pin");
        env.put("USER", "e2e");
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Files.createDirectories(home.resolve("profiles"));
        Files.writeString(home.resolve("profiles").resolve("pin-free.yaml"), PROFILE.formatted("pin-free", ""));
        Files.writeString(home.resolve("profiles").resolve("pin-big.yaml"), PROFILE.formatted("pin-big",
                "placement: {host: big}"));
        add(big, "big", "4", "4Gi", 8);
        add(small, "small", "1", "512Mi", 2);
    }

    @AfterEach
    void destroyMade() {
        for (String id : made) {
            cli("destroy", id);
        }
        made.clear();
        assertThat(cli("hosts", "activate", "small").exitCode()).isZero();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            assertThat(containers()).as("containers left").isBlank();
            assertThat(workDirs(big)).as("work directories left").isEmpty();
            assertThat(workDirs(small)).as("work directories left").isEmpty();
        } finally {
            big.close();
            small.close();
            HOST.deleteTree(home.toString());
        }
    }

    @Test
    void hostPinsTheSandboxWherePlacementWouldNotAndWinsOverTheProfile() throws Exception {
        // Unpinned, spread takes big (left least used); pinned, the sandbox goes to small.
        assertThat(where(create("pin-free"))).isEqualTo("big");
        JsonNode pinned = create("pin-free", "--host", "small");
        assertThat(pinned.get("state").asText()).isEqualTo("ready");
        assertThat(where(pinned)).isEqualTo("small");
        assertThat(cli("describe", pinned.get("id").asText()).out()).contains("placement: pinned with --host; small");
        assertThat(reserved("small")).isEqualTo(1);

        // The profile pins big; --host wins, and describe says which pin decided.
        JsonNode overridden = create("pin-big", "--host", "small");
        assertThat(where(overridden)).isEqualTo("small");
        JsonNode byProfile = create("pin-big");
        assertThat(cli("describe", byProfile.get("id").asText()).out())
                .contains("placement: pinned with the profile's placement.host; big");

        // The host is part of the request an idempotency key stands for.
        JsonNode keyed = create("pin-free", "--host", "big", "--idempotency-key", "pin-key-1");
        assertThat(create("pin-free", "--host", "big", "--idempotency-key", "pin-key-1").get("id").asText())
                .isEqualTo(keyed.get("id").asText());
        made.removeLast();
        CliRun other = cli("create", "--profile", "pin-free", "--host", "small", "--idempotency-key", "pin-key-1");
        assertThat(other.exitCode()).as(other.toString()).isEqualTo(4);
        assertThat(other.err()).contains("was used for a different request");
    }

    @Test
    void anUnknownOrDrainingHostIsRefusedWithTheReasonAndNothingIsLeft() throws Exception {
        CliRun unknown = cli("create", "--profile", "pin-free", "--host", "nowhere");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(6);
        assertThat(unknown.err()).contains("pinned with --host: host nowhere is not registered")
                .doesNotContain("cleanup also failed");

        assertThat(cli("hosts", "drain", "small").exitCode()).isZero();
        CliRun draining = cli("create", "--profile", "pin-free", "--host", "small");
        assertThat(draining.exitCode()).as(draining.toString()).isEqualTo(6);
        assertThat(draining.err()).contains("pinned with --host", "small (draining)").doesNotContain("big");

        CliRun bad = cli("create", "--profile", "pin-free", "--host", "Not_A_Host");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("host name 'Not_A_Host'");

        // Refused, not moved elsewhere: no place held and nothing made on either host.
        assertThat(reserved("big")).isZero();
        assertThat(reserved("small")).isZero();
        assertThat(containers()).isBlank();
        assertThat(workDirs(big)).isEmpty();
        assertThat(workDirs(small)).isEmpty();
    }

    private void add(SshdHost host, String name, String cpu, String memory, int max) throws Exception {
        CliRun added = cli("hosts", "add", name, "--address", "127.0.0.1", "--port", Integer.toString(host.port()),
                "--key", SshdHost.clientKey().toString(), "--accept-fingerprint", host.fingerprint(),
                "--work-root", host.data().toString(), "--cpu", cpu, "--memory", memory,
                "--max-sandboxes", Integer.toString(max));
        assertThat(added.exitCode()).as(added.toString()).isZero();
    }

    private JsonNode create(String profile, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "--profile", profile, "-o", "json"));
        args.addAll(List.of(extra));
        CliRun run = cli(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode sandbox = JSON.readTree(run.out());
        made.add(sandbox.get("id").asText());
        return sandbox;
    }

    private String where(JsonNode sandbox) {
        String out = cli("describe", sandbox.get("id").asText()).out();
        return out.contains("host big (ssh://root@127.0.0.1:" + big.port()) ? "big"
                : out.contains("host small (ssh://root@127.0.0.1:" + small.port()) ? "small" : "?";
    }

    private long reserved(String host) throws Exception {
        CliRun inspected = cli("hosts", "inspect", host, "-o", "json");
        assertThat(inspected.exitCode()).as(inspected.toString()).isZero();
        return JSON.readTree(inspected.out()).path("reserved").path("sandboxes").asLong(-1);
    }

    private static String containers() {
        StringBuilder names = new StringBuilder();
        for (String profile : List.of("pin-free", "pin-big")) {
            names.append(HOST.run(Command.of("podman", "ps", "-a", "--filter", "label=dev.sandboxer.profile="
                    + profile, "--format", "{{.Names}}")).stdout().strip());
        }
        return names.toString();
    }

    private static List<Path> workDirs(SshdHost host) throws Exception {
        Path root = host.data().resolve("podman-ssh");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var entries = Files.list(root)) {
            return entries.toList();
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
}
