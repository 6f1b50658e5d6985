package dev.sandboxer.ext.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.ext.podmancli.HostPodman;
import dev.sandboxer.ext.podmancli.Http;
import dev.sandboxer.ext.podmancli.RecordingTransport;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Health;
import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.PortBinding;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.spi.Resources;
import dev.sandboxer.spi.Secret;
import dev.sandboxer.spi.SetupFile;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.LocalTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the podman extension promises beyond the conformance kit, checked against real podman. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodmanExtensionTest {
    private static final String HTTPD = "echo hello-from-sandbox > /www/index.html; exec httpd -f -p 8080 -h /www";

    private final Owner owner = new Owner("test-" + UUID.randomUUID().toString().substring(0, 8));
    private final List<String> made = new ArrayList<>();
    private final RecordingTransport transport = new RecordingTransport();
    private Path workDir;
    private PodmanExtension extension;

    @BeforeAll
    void start() throws IOException {
        HostPodman.ensureImage();
        workDir = Files.createTempDirectory("sandboxer-podman");
        extension = new PodmanExtension(new ExtensionContext(owner, transport, workDir, Map.of(),
                Clock.systemUTC()));
    }

    @AfterEach
    void destroyWhatTheTestMade() {
        made.forEach(id -> extension.destroy(new BackendRef(PodmanExtension.ID, id, "")));
        made.clear();
        transport.clear();
    }

    @AfterAll
    void nothingIsLeftOnTheMachine() throws IOException {
        assertThat(HostPodman.leftovers(owner.installationId())).isEmpty();
        try (Stream<Path> files = Files.walk(workDir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("work files").isEmpty();
        } finally {
            HostPodman.deleteTree(workDir);
        }
    }

    private ProvisionRequest request(Map<String, Object> spec) {
        String id = "pt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        made.add(id);
        return ProvisionRequest.minimal(id, OwnershipLabels.of(id, owner, Instant.now().plusSeconds(600)), spec);
    }

    private static Map<String, Object> sleeper() {
        return Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "600"));
    }

    private ExecResult exec(Provisioned sandbox, String... argv) {
        return extension.exec(sandbox.ref(), ExecRequest.of(argv));
    }

    private static String inspect(Provisioned sandbox, String format) {
        return HostPodman.run("podman", "inspect", "sbx-" + sandbox.ref().sandboxId(), "--format", format)
                .stdout().strip();
    }

    @Test
    void deniedEgressLeavesOnlyTheLoopbackInterface() {
        Provisioned sandbox = extension.create(request(sleeper()), Progress.NONE);

        assertThat(sandbox.isolation()).containsEntry("network", "none");
        assertThat(exec(sandbox, "ip", "-o", "link").stdout().lines().toList())
                .singleElement().asString().contains("lo:");
        assertThat(exec(sandbox, "ip", "route").stdout()).isBlank();
        // 10.88.0.1 is this host's own podman bridge: were there a route, the packet would stay on the machine.
        ExecResult reach = exec(sandbox, "nc", "-w", "2", "10.88.0.1", "22");
        assertThat(reach.exitCode()).isNotZero();
        assertThat(reach.stderr()).containsIgnoringCase("unreachable");
    }

    @Test
    void publishedPortAnswersHttpOnLoopbackWhenEgressIsAllowed() {
        int port = HostPodman.freePort();
        ProvisionRequest request = request(Map.of("image", HostPodman.IMAGE, "command", List.of("sh", "-c", HTTPD)))
                .withNetwork(new NetworkPolicy(NetworkPolicy.Egress.ALLOW_ALL, List.of()))
                .withPorts(List.of(new PortBinding("web", Optional.empty(), 8080, "127.0.0.1", port, "http")));

        Provisioned sandbox = extension.create(request, Progress.NONE);

        assertThat(sandbox.endpoints()).extracting(e -> e.kind() + " " + e.address())
                .contains("http http://127.0.0.1:" + port + "/");
        assertThat(Http.awaitBody("http://127.0.0.1:" + port + "/")).contains("hello-from-sandbox");
        assertThat(exec(sandbox, "ip", "route").stdout()).contains("default");
    }

    @Test
    void deniedSandboxServesItsPortsThroughTheGatewayWithoutARouteOut() {
        int port = HostPodman.freePort();
        ProvisionRequest request = request(Map.of("image", HostPodman.IMAGE, "command", List.of("sh", "-c", HTTPD)))
                .withPorts(List.of(new PortBinding("web", Optional.empty(), 8080, "127.0.0.1", port, "http")));

        Provisioned sandbox = extension.create(request, Progress.NONE);

        assertThat(Http.awaitBody("http://127.0.0.1:" + port + "/")).contains("hello-from-sandbox");
        assertThat(sandbox.isolation()).containsEntry("network", "internal");
        assertThat(exec(sandbox, "ip", "route").stdout()).doesNotContain("default");
        assertThat(exec(sandbox, "nc", "-w", "2", "10.88.0.1", "22").stderr()).containsIgnoringCase("unreachable");
    }

    @Test
    void cpuAndMemoryLimitsAreVisibleInPodmanInspect() {
        ProvisionRequest request = request(sleeper()).withResources(new Resources(500, 256L << 20));

        Provisioned sandbox = extension.create(request, Progress.NONE);

        assertThat(inspect(sandbox, "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}"))
                .isEqualTo("500000000 268435456");
        assertThat(sandbox.isolation()).containsEntry("cpus", "0.5").containsEntry("memory", "268435456");
    }

    @Test
    void secretsReachTheWorkloadButNeverADiskFileOrACommandLine() {
        String marker = "s3cr3t-" + UUID.randomUUID();
        String secret = marker + " with $HOME, 'quotes', = and\na second line";
        ProvisionRequest request = request(sleeper())
                .withEnv(Map.of("PLAIN", "visible"), Map.of("API_TOKEN", new Secret(secret)));
        List<Path> holdingItWhileRunning = new CopyOnWriteArrayList<>();
        transport.whileRunning(command -> holdingItWhileRunning.addAll(RecordingTransport.filesContaining(workDir,
                marker)));

        Provisioned sandbox = extension.create(request, Progress.NONE);

        assertThat(exec(sandbox, "sh", "-c", "echo \"$API_TOKEN\"").stdout()).isEqualTo(secret + "\n");
        assertThat(exec(sandbox, "sh", "-c", "echo \"$PLAIN\"").stdout()).isEqualTo("visible\n");
        // Not on disk: nothing written, nothing in the work dir while any podman command ran, nor after.
        assertThat(transport.written()).noneMatch(w -> new String(w.content(), StandardCharsets.UTF_8)
                .contains(marker));
        assertThat(holdingItWhileRunning).isEmpty();
        assertThat(RecordingTransport.filesContaining(workDir, marker)).isEmpty();
        // Not on a command line: only the one process that creates the container has it, in its environment.
        List<Command> commands = transport.runs().stream().map(RecordingTransport.Run::command).toList();
        assertThat(commands).allSatisfy(c -> assertThat(c.argv()).noneMatch(arg -> arg.contains(marker)));
        List<Command> carrying = commands.stream().filter(c -> c.env().containsKey("API_TOKEN")).toList();
        assertThat(carrying).singleElement().satisfies(c -> {
            // No setup files and no gateway: created and started by one `podman run -d`.
            assertThat(c.argv().subList(0, 3)).containsExactly("podman", "run", "-d");
            assertThat(c.argv()).containsSequence("--env", "API_TOKEN").doesNotContain("--env-file");
            assertThat(c.env()).containsExactly(Map.entry("API_TOKEN", secret));
        });
        assertThat(inspect(sandbox, "{{json .Config.CreateCommand}}")).doesNotContain(marker).contains("API_TOKEN");
        assertThat(sandbox.ref().state()).doesNotContain(marker);
        assertThat(sandbox.isolation().values()).noneMatch(v -> v.contains(marker));
        // podman keeps env values in the container's config: inspect shows them. Inherent to container env.
        assertThat(inspect(sandbox, "{{json .Config.Env}}")).contains("API_TOKEN=" + marker);
    }

    @Test
    void aSecretWhoseNameWouldSteerPodmanOnTheHostIsRefusedBeforeAnythingIsMade() {
        for (String name : List.of("LD_PRELOAD", "PATH", "PYTHONPATH", "CONTAINERS_CONF", "https_proxy")) {
            ProvisionRequest request = request(sleeper()).withEnv(Map.of(),
                    Map.of(name, new Secret("/tmp/not-a-value-to-print")));

            assertThatThrownBy(() -> extension.create(request, Progress.NONE))
                    .isInstanceOf(ExtensionException.ProvisionFailed.class)
                    .hasMessageContaining("secret " + name + " cannot be delivered")
                    .hasMessageNotContaining("not-a-value-to-print");
        }
        ProvisionRequest withNul = request(sleeper()).withEnv(Map.of(), Map.of("TOKEN", new Secret("a\0b")));
        assertThatThrownBy(() -> extension.create(withNul, Progress.NONE))
                .isInstanceOf(ExtensionException.ProvisionFailed.class)
                .hasMessage("secret TOKEN contains a NUL character, which no environment variable can carry");
        assertThat(transport.runs()).noneMatch(r -> r.command().argv().contains("create"));
        assertThat(HostPodman.leftovers(owner.installationId())).isEmpty();
    }

    @Test
    void setupFilesAreInPlaceBeforeTheWorkloadStarts() {
        ProvisionRequest request = request(Map.of("image", HostPodman.IMAGE,
                "command", List.of("sh", "-c", "cat /workspace/deep/dir/hello.txt > /tmp/seen-at-start; sleep 600"),
                "volumes", List.of(Map.of("name", "workspace", "path", "/workspace")), "workdir", "/workspace"))
                .withFiles(List.of(new SetupFile("/workspace/deep/dir/hello.txt",
                        "hi there\n".getBytes(StandardCharsets.UTF_8), 0640)));

        Provisioned sandbox = extension.create(request, Progress.NONE);

        assertThat(exec(sandbox, "cat", "/tmp/seen-at-start").stdout()).isEqualTo("hi there\n");
        assertThat(exec(sandbox, "stat", "-c", "%a %U", "/workspace/deep/dir/hello.txt").stdout().strip())
                .isEqualTo("640 root");
        assertThat(exec(sandbox, "pwd").stdout().strip()).isEqualTo("/workspace");
    }

    @Test
    void aWorkloadThatExitsAtOnceFailsWithItsLogTailAndLeavesNothing() {
        ProvisionRequest request = request(Map.of("image", HostPodman.IMAGE,
                "command", List.of("sh", "-c", "echo boom-before-exit; exit 3"),
                "volumes", List.of(Map.of("name", "workspace", "path", "/workspace"))));

        assertThatThrownBy(() -> extension.create(request, Progress.NONE))
                .isInstanceOfSatisfying(ExtensionException.ProvisionFailed.class, e -> {
                    assertThat(e.getMessage()).contains("exited with code 3");
                    assertThat(e.diagnostics()).contains("boom-before-exit");
                });
        assertThat(extension.listOwned(owner)).noneMatch(r -> r.sandboxId().equals(request.sandboxId()));
    }

    @Test
    void aMissingImageIsNamedInTheFailure() {
        ProvisionRequest request = request(Map.of("image", "localhost/nope"));

        assertThatThrownBy(() -> extension.create(request, Progress.NONE))
                .isInstanceOf(ExtensionException.ProvisionFailed.class)
                .hasMessageContaining("image localhost/nope not found");
    }

    @Test
    void logTailShowsWhatTheWorkloadPrinted() {
        Provisioned sandbox = extension.create(request(Map.of("image", HostPodman.IMAGE,
                "command", List.of("sh", "-c", "echo line-one; echo line-two >&2; sleep 600"))), Progress.NONE);

        assertThat(extension.logTail(sandbox.ref(), 5)).hasValueSatisfying(tail ->
                assertThat(tail).contains("line-one").contains("line-two"));
    }

    @Test
    void unknownKeysAndWrongTypesAreRefusedBeforeAnythingIsMade() {
        Map<String, Object> spec = Map.of("image", HostPodman.IMAGE, "colour", "red", "command", "sleep 600",
                "volumes", List.of(Map.of("name", "Bad Name", "path", "relative")));

        assertThat(extension.validateSpec(spec)).containsExactlyInAnyOrder(
                "colour: unknown key (allowed: command, image, user, volumes, workdir)",
                "command: must be a list of strings, not a String",
                "volumes[0].name: must match [a-z0-9][a-z0-9_.-]* (at most 31 characters)",
                "volumes[0].path: must be absolute");
        assertThat(extension.validateSpec(sleeper())).isEmpty();
        ProvisionRequest request = request(spec);
        assertThatThrownBy(() -> extension.create(request, Progress.NONE))
                .isInstanceOfSatisfying(ExtensionException.InvalidSpec.class,
                        e -> assertThat(e.path()).isEqualTo("colour"));
        assertThat(HostPodman.leftovers(owner.installationId())).isEmpty();
    }

    @Test
    void missingPodmanIsReportedInPlainWords() throws IOException {
        PodmanExtension without = new PodmanExtension(new ExtensionContext(owner, new LocalTransport(), workDir,
                Map.of("podman", "podman-not-installed-here"), Clock.systemUTC()));

        Health health = without.health();
        assertThat(health.available()).isFalse();
        assertThat(health.detail()).isEqualTo("podman-not-installed-here is not installed");
        assertThat(health.hint()).contains("apt-get install podman");
        ProvisionRequest request = request(sleeper());
        assertThatThrownBy(() -> without.create(request, Progress.NONE))
                .isInstanceOf(ExtensionException.Unavailable.class)
                .hasMessage("podman-not-installed-here is not installed on local");
    }
}
