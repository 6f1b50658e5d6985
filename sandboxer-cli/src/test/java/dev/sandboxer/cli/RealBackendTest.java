package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The user's tour, end to end, as separate CLI runs (one control plane per command, as in real processes)
 * against real podman and podman-compose with the built-in profiles. The class ends by proving that nothing
 * carrying this installation's label is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealBackendTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalTransport HOST = new LocalTransport();

    private Path home;
    private final Map<String, String> env = new HashMap<>();

    @BeforeAll
    void buildImages() throws IOException {
        home = Files.createTempDirectory("sandboxer-e2e");
        env.put("USER", "e2e");
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        CommandResult images = HOST.run(Command.of(List.of(Path.of("..", "scripts", "build-images.sh")
                .toAbsolutePath().normalize().toString())).withTimeout(java.time.Duration.ofMinutes(3)));
        assertThat(images.ok()).as(images.stderr()).isTrue();
    }

    private CliRun cli(String... args) {
        return cli(env, args);
    }

    private CliRun cli(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("--home", home.toString()));
        argv.addAll(List.of(args));
        CliEnvironment cli = new CliEnvironment(environment, ControlPlanes.perCommand(),
                new SearchPathTransport(environment), Clock.systemUTC(), false);
        int exit = Main.run(argv.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), cli);
        return new CliRun(exit, out.toString(), err.toString());
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.out());
    }

    private static String endpoint(JsonNode sandbox, String name) {
        for (JsonNode e : sandbox.get("endpoints")) {
            if (e.get("name").asText().equals(name)) {
                return e.get("address").asText();
            }
        }
        throw new AssertionError("no endpoint " + name + " in " + sandbox);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Names of containers, networks and volumes labelled with this sandbox. */
    private static List<String> leftovers(String label) {
        List<String> found = new ArrayList<>();
        found.addAll(lines(HOST.run(Command.of("podman", "ps", "-a", "--filter", "label=" + label, "--format",
                "{{.Names}}"))));
        found.addAll(lines(HOST.run(Command.of("podman", "network", "ls", "--filter", "label=" + label, "--format",
                "{{.Name}}"))));
        // podman ORs volume label filters; one filter is exact.
        found.addAll(lines(HOST.run(Command.of("podman", "volume", "ls", "--filter", "label=" + label, "--format",
                "{{.Name}}"))));
        return found;
    }

    private static List<String> lines(CommandResult result) {
        assertThat(result.ok()).as(result.stderr()).isTrue();
        return result.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void composeE2eTourFromCreateToNothingLeft() throws Exception {
        JsonNode sandbox = json(cli("create", "--profile", "compose-e2e", "--input", "greeting=Hi QA", "-o", "json"));
        String id = sandbox.get("id").asText();
        assertThat(sandbox.get("state").asText()).isEqualTo("ready");

        assertThat(get(endpoint(sandbox, "web"))).isEqualTo("Hi QA from sand-boxer\n");

        CliRun list = cli("list");
        assertThat(list.out()).contains(id).contains("compose-e2e@1").contains("compose").contains("ready")
                .contains("adm:e2e");

        CliRun describe = cli("describe", id);
        assertThat(describe.out()).contains("1. Recipe", "2. Backend", "3. Placement", "4. Isolation", "5. Reach",
                "6. History", "7. Cost", "greeting=Hi QA", "egress=denied");

        CliRun exec = cli("exec", id, "--", "sh", "-c", "echo hi; echo oops >&2; exit 3");
        assertThat(exec.exitCode()).isEqualTo(3);
        assertThat(exec.out()).isEqualTo("hi\n");
        assertThat(exec.err()).isEqualTo("oops\n");

        CliRun extend = cli("extend", id, "--by", "30m");
        assertThat(extend.exitCode()).as(extend.toString()).isZero();

        CliRun destroy = cli("destroy", id);
        assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
        assertThat(leftovers("dev.sandboxer.sandbox=" + id)).isEmpty();
        assertThat(workFiles()).as("the sandbox's working files").noneMatch(p -> p.contains(id));
        assertThat(cli("destroy", id).exitCode()).as("double destroy is idempotent").isZero();
    }

    @Test
    void agentDevHasNoNetworkButItsWorkspaceAndLimits() throws Exception {
        JsonNode sandbox = json(cli("create", "--profile", "agent-dev", "-o", "json"));
        String id = sandbox.get("id").asText();
        try {
            CliRun interfaces = cli("exec", id, "--", "ls", "/sys/class/net");
            assertThat(interfaces.out().strip()).as("egress denied: only loopback").isEqualTo("lo");
            assertThat(cli("exec", id, "--", "sh", "-c", "echo kept > /workspace/note").exitCode()).isZero();
            assertThat(cli("exec", id, "--", "cat", "/workspace/note").out()).isEqualTo("kept\n");
            assertThat(cli("exec", id, "--env", "X=1=2", "--", "sh", "-c", "echo \"$X\"").out())
                    .as("--env splits at the first '='").isEqualTo("1=2\n");
            CliRun missing = cli("exec", id, "--", "no-such-program");
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(127);
            String memory = HOST.run(Command.of("podman", "inspect", "--format", "{{.HostConfig.Memory}}",
                    "sbx-" + id)).stdout().strip();
            assertThat(memory).isEqualTo(String.valueOf(1L << 30));
            // Question 7 on a real backend: podman's sheet prices 1 vCPU + 1 GiB at 12,500 micros a second.
            JsonNode cost = json(cli("describe", id, "-o", "json")).get("cost");
            assertThat(cost.get("priceSheet").asText()).isEqualTo("podman-1");
            long seconds = cost.get("secondsByState").path("provisioning").asLong()
                    + cost.get("secondsByState").path("ready").asLong();
            assertThat(seconds).isPositive();
            assertThat(cost.get("amountSoFar").asLong()).isBetween(seconds * 12_500 / 1_000_000,
                    (seconds + 2) * 12_500 / 1_000_000);
        } finally {
            cli("destroy", id);
        }
        assertThat(leftovers("dev.sandboxer.sandbox=" + id)).as("container and workspace volume").isEmpty();
    }

    @Test
    void aServiceThatFailsToStartFailsTheSandboxWithItsLogAndLeavesNothing() {
        SandboxerHome sandboxerHome = new SandboxerHome(home);
        writeProfile(sandboxerHome, "broken-stack.yaml", """
                id: broken-stack
                version: 1
                description: a stack whose api service dies at start
                extension: compose
                requires: [multi-service]
                ttl: {default: 5m, max: 10m}
                reach:
                  ports:
                    - {name: web, service: web, port: 8080, protocol: http}
                backend:
                  compose:
                    services:
                      web:
                        image: localhost/sandboxer/busybox:latest
                        command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
                      api:
                        image: localhost/sandboxer/busybox:latest
                        command: ["sh", "-c", "echo database is on fire >&2; exit 3"]
                """);
        CliRun create = cli("create", "--profile", "broken-stack");
        assertThat(create.exitCode()).as(create.toString()).isEqualTo(6);
        assertThat(create.err()).contains("api").contains("database is on fire").doesNotContain("\tat ");
        CliRun failed = cli("list", "--state", "failed", "-o", "json");
        assertThat(failed.out()).contains("broken-stack");
        String id = failed.out().replaceAll("(?s).*\"id\" *: *\"(sb-[a-z2-7]+)\".*", "$1");
        assertThat(leftovers("dev.sandboxer.sandbox=" + id)).isEmpty();
    }

    @Test
    void aStackThatNeverGetsReadyFailsWithTheProbesWordAndLeavesNothing() {
        SandboxerHome sandboxerHome = new SandboxerHome(home);
        writeProfile(sandboxerHome, "deaf-web.yaml", """
                id: deaf-web
                version: 1
                description: web listens on the wrong port, so readiness never passes
                extension: compose
                requires: [multi-service]
                ttl: {default: 5m, max: 10m}
                readiness:
                  http: {port: web, path: /, status: 200}
                  timeout: 3s
                  interval: 250ms
                reach:
                  ports:
                    - {name: web, service: web, port: 8080, protocol: http}
                backend:
                  compose:
                    services:
                      web:
                        image: localhost/sandboxer/busybox:latest
                        command: ["sh", "-c", "echo listening on 9999; trap 'exit 0' TERM; httpd -f -p 9999 & wait"]
                """);
        CliRun create = cli("create", "--profile", "deaf-web");
        assertThat(create.exitCode()).as(create.toString()).isEqualTo(6);
        assertThat(create.err()).contains("not ready after 3s").contains("listening on 9999");
        CliRun failed = cli("list", "--state", "failed", "-o", "json");
        String id = failed.out().replaceAll("(?s).*\"id\" *: *\"(sb-[a-z2-7]+)\".*", "$1");
        assertThat(id).startsWith("sb-");
        assertThat(leftovers("dev.sandboxer.sandbox=" + id)).isEmpty();
    }

    @Test
    void withoutPodmanCreateSaysSoPlainlyAndMakesNothing() throws Exception {
        int before = json(cli("list", "--all", "-o", "json")).get("items").size();
        Map<String, String> noPodman = new HashMap<>(env);
        noPodman.put("PATH", "/nonexistent");
        CliRun create = cli(noPodman, "create", "--profile", "health-probe");
        assertThat(create.exitCode()).as(create.toString()).isEqualTo(5);
        assertThat(create.err()).startsWith("error: extension podman cannot be used: podman is not installed")
                .doesNotContain("Exception");
        assertThat(json(cli("list", "--all", "-o", "json")).get("items").size()).as("nothing recorded")
                .isEqualTo(before);
    }

    @Test
    void healthProbeIsTinyAndShortLived() throws Exception {
        JsonNode sandbox = json(cli("create", "--profile", "health-probe", "-o", "json"));
        String id = sandbox.get("id").asText();
        CliRun tooLong = cli("extend", id, "--by", "1h");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("hard maximum");
        assertThat(cli("destroy", id).exitCode()).isZero();
        assertThat(leftovers("dev.sandboxer.sandbox=" + id)).isEmpty();
    }

    @AfterAll
    void nothingOfThisInstallationIsLeft() throws Exception {
        String installation;
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + new SandboxerHome(home).database());
             var rs = db.createStatement().executeQuery("select id from installation")) {
            rs.next();
            installation = rs.getString(1);
        }
        assertThat(leftovers("dev.sandboxer.installation=" + installation)).isEmpty();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private List<String> workFiles() throws IOException {
        Path work = new SandboxerHome(home).root().resolve("work");
        if (!Files.exists(work)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(work)) {
            return files.map(Path::toString).toList();
        }
    }

    private static void writeProfile(SandboxerHome home, String name, String yaml) {
        try {
            Files.createDirectories(home.profiles());
            Files.writeString(home.profiles().resolve(name), yaml);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
