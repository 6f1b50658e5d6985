package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sandboxer.client.SandboxRequest;
import dev.sandboxer.client.SandboxerClient;
import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import dev.sandboxer.core.engine.LeaseKeeper;
import dev.sandboxer.core.engine.Reconciliation;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety against real podman: a {@code sandboxer serve} process is SIGKILLed at each step of create and
 * destroy (the engine's fault points stop it exactly there). After a restart and one reconcile, nothing with
 * the installation's label is left in podman and the record tells the truth: destroyed, no operation still
 * "running", the interrupted one marked so.
 */
class CrashSafetyTest {
    private static final LocalTransport HOST = new LocalTransport();
    private static final Pattern SERVING = Pattern.compile("sandboxer serving (http://\\S+?)/? ");
    private static final String PROFILE = """
            id: crash-probe
            version: 1
            description: A tiny podman sandbox for the crash tests
            extension: podman
            ttl:
              default: 10m
              max: 20m
            resources:
              cpu: 0.1
              memory: 32Mi
            network:
              egress: deny
            readiness:
              command: ["true"]
              timeout: 30s
            reach:
              exec: true
            backend:
              podman:
                image: localhost/sandboxer/busybox:latest
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep 900 & wait"]
            """;

    @TempDir
    Path home;
    private Process server;

    @BeforeAll
    static void buildImages() {
        CommandResult images = HOST.run(Command.of(List.of(Path.of("..", "scripts", "build-images.sh")
                .toAbsolutePath().normalize().toString())).withTimeout(Duration.ofMinutes(3)));
        assertThat(images.ok()).as(images.stderr()).isTrue();
    }

    /** The installation a test made resources for: swept after it, so a failing test leaks nothing either. */
    private String installation;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (installation != null) {
            sweep(installation);
        }
    }

    /** Removes every container, network and volume carrying the installation's label (containers first). */
    private static void sweep(String installation) {
        String filter = "label=dev.sandboxer.installation=" + installation;
        removeAll(List.of("podman", "ps", "-aq", "--filter", filter), List.of("podman", "rm", "-f"));
        removeAll(List.of("podman", "network", "ls", "-q", "--filter", filter), List.of("podman", "network", "rm", "-f"));
        removeAll(List.of("podman", "volume", "ls", "-q", "--filter", filter), List.of("podman", "volume", "rm", "-f"));
    }

    private static void removeAll(List<String> listing, List<String> removal) {
        List<String> found = HOST.run(Command.of(listing).withTimeout(Duration.ofMinutes(1))).stdout().lines()
                .filter(line -> !line.isBlank()).toList();
        if (!found.isEmpty()) {
            List<String> argv = new java.util.ArrayList<>(removal);
            argv.addAll(found);
            HOST.run(Command.of(argv).withTimeout(Duration.ofMinutes(1)));
        }
    }

    private Map<String, String> env() {
        return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "USER", "crash");
    }

    private String startServer(String faultPoint, Path log) throws IOException {
        Files.createDirectories(home.resolve("profiles"));
        Files.writeString(home.resolve("profiles/crash-probe.yaml"), PROFILE);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.sandboxer.cli.Main", "--home", home.toString(), "serve", "--listen", "127.0.0.1:0",
                "--lease-tick", "300ms", "--replica-dead-after", "2s", "--reconcile-every", "0");
        builder.environment().clear();
        builder.environment().putAll(env());
        builder.environment().put("SANDBOXER_FAULT_PAUSE_AT", faultPoint);
        builder.redirectError(log.toFile());
        server = builder.start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream())).readLine();
        Matcher m = SERVING.matcher(line + " ");
        assertThat(m.find()).as("server started: " + line).isTrue();
        return m.group(1);
    }

    private static List<String> labelled(String installation) {
        String filter = "label=dev.sandboxer.installation=" + installation;
        List<String> found = new java.util.ArrayList<>();
        for (List<String> argv : List.of(
                List.of("podman", "ps", "-a", "--filter", filter, "--format", "container {{.ID}}"),
                List.of("podman", "network", "ls", "--filter", filter, "--format", "network {{.Name}}"),
                List.of("podman", "volume", "ls", "--filter", filter, "--format", "volume {{.Name}}"))) {
            CommandResult listed = HOST.run(Command.of(argv).withTimeout(Duration.ofMinutes(1)));
            assertThat(listed.ok()).as(listed.stderr()).isTrue();
            listed.stdout().lines().filter(l -> !l.isBlank()).forEach(found::add);
        }
        return found;
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"create.requested", "create.provisioning", "create.made", "create.recorded",
        "destroy.claimed", "destroy.removed"})
    void afterAKillAtAnyStepOneReconcileLeavesNoLeakAndATrueRecord(String point) throws Exception {
        String token;
        try (ControlPlane plane = ControlPlane.open(new SandboxerHome(home), env(), Clock.systemUTC())) {
            token = plane.tokens().create(Consumer.parse("atm:crash"), Set.of("default")).secret();
            installation = plane.engine().installationId();
        }
        Path log = home.resolve("serve.log");
        String url = startServer(point, log);
        SandboxerClient client = SandboxerClient.builder().baseUrl(url).token(token).build();
        SandboxRequest request = new SandboxRequest("crash-probe", Map.of(), "default", Optional.empty(), Map.of(),
                Optional.empty());
        String id;
        if (point.startsWith("create.")) {
            id = client.create(request).sandbox().id();
        } else {
            id = client.createReady(request, Duration.ofMinutes(1)).id();
            assertThat(labelled(installation)).isNotEmpty();
            // The destroy never answers: the server stops at the fault point and is killed there.
            var background = Executors.newSingleThreadExecutor();
            background.submit(() -> client.destroy(id));
            background.shutdown();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("paused at " + point));
        server.destroyForcibly();
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        if (Set.of("create.made", "create.recorded", "destroy.claimed").contains(point)) {
            assertThat(labelled(installation)).as("the kill left backend resources behind").isNotEmpty();
        }

        try (ControlPlane restarted = ControlPlane.open(new SandboxerHome(home), env(), Clock.systemUTC())) {
            var engine = restarted.engine();
            engine.leaseKeeper(new LeaseKeeper.Settings("rn-restarted", Duration.ofMinutes(1), Duration.ofSeconds(2)));
            // Until the dead server has been silent for 2 s its operation still counts as running.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !engine.reconcile(Consumer.parse("adm:test"), true).abandoned().isEmpty());
            Reconciliation once = engine.reconcile(Consumer.parse("adm:restart"), false);
            assertThat(once.abandoned()).extracting(Reconciliation.Abandoned::sandboxId).containsExactly(id);
            assertThat(once.problems()).isEmpty();

            assertThat(labelled(installation)).as("nothing leaked after a kill at " + point).isEmpty();
            assertThat(engine.get(id, Scope.ALL).state()).isEqualTo(SandboxState.DESTROYED);
            assertThat(engine.operations(id, Scope.ALL)).as("no operation left running")
                    .noneMatch(o -> o.status() == OperationStatus.RUNNING)
                    .anyMatch(o -> o.status() == OperationStatus.INTERRUPTED);
            assertThat(engine.events(Optional.of(id), Scope.ALL, 0, 100)).extracting(SandboxEvent::type)
                    .containsOnlyOnce(SandboxEvent.TYPE_PREFIX + "destroyed");
            assertThat(engine.reconcile(Consumer.parse("adm:restart"), false).abandoned()).isEmpty();
        }
    }

    /**
     * Time limits are enforced twice: with no control plane running, the backend's own deadline (podman
     * {@code --timeout}, set at the profile's hard maximum) stops the workload; once a control plane runs
     * again, reconcile records what happened and the lease reaps it.
     */
    @org.junit.jupiter.api.Test
    void aWorkloadStopsAtItsDeadlineWhileNoControlPlaneRunsAndIsCleanedUpAfter() throws Exception {
        Files.createDirectories(home.resolve("profiles"));
        Files.writeString(home.resolve("profiles/crash-probe.yaml"), PROFILE.replace("default: 10m", "default: 3s")
                .replace("max: 20m", "max: 5s"));
        String id;
        try (ControlPlane plane = ControlPlane.open(new SandboxerHome(home), env(), Clock.systemUTC())) {
            installation = plane.engine().installationId();
            id = plane.engine().create(new dev.sandboxer.core.engine.CreateRequest("crash-probe", Map.of(), "default",
                    Consumer.parse("atm:crash"), Optional.empty(), Map.of(), Optional.empty()),
                    dev.sandboxer.spi.Progress.NONE).id();
            assertThat(plane.engine().get(id, Scope.ALL).backendDeadline()).isPresent();
        }
        // No control plane now. The container must stop by itself at the deadline (5 s after create).
        String label = "label=dev.sandboxer.sandbox=" + id;
        assertThat(podmanIds("ps", "--filter", label, "--filter", "status=running")).as("running at first")
                .isNotEmpty();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> podmanIds("ps", "--filter", label, "--filter", "status=running").isEmpty());
        assertThat(podmanIds("ps", "-a", "--filter", label)).as("stopped, still there").isNotEmpty();
        assertThat(labelled(installation)).as("stopped, not yet removed").isNotEmpty();

        try (ControlPlane restarted = ControlPlane.open(new SandboxerHome(home), env(), Clock.systemUTC())) {
            var engine = restarted.engine();
            Reconciliation seen = engine.reconcile(Consumer.parse("adm:restart"), false);
            assertThat(seen.orphans()).as("another extension on the same podman lists it: still no orphan").isEmpty();
            assertThat(seen.lost()).isEmpty();
            assertThat(seen.observed()).extracting(Reconciliation.Observed::status).containsExactly("stopped");
            assertThat(engine.get(id, Scope.ALL).observed()).map(o -> o.status()).contains("stopped");
            assertThat(engine.reapExpired(Consumer.parse("adm:restart"))).extracting(s -> s.id()).containsExactly(id);
            assertThat(engine.get(id, Scope.ALL).state()).isEqualTo(SandboxState.DESTROYED);
            assertThat(labelled(installation)).isEmpty();
        }
    }

    private static String podmanIds(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("podman"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--format", "{{.ID}}"));
        CommandResult listed = HOST.run(Command.of(argv).withTimeout(Duration.ofMinutes(1)));
        assertThat(listed.ok()).as(listed.stderr()).isTrue();
        return listed.stdout().strip();
    }
}
