package dev.sandboxer.ext.compose;

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
import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.Observation;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/** What the compose extension promises beyond the conformance kit, checked against real podman-compose. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeExtensionTest {
    private static final String HTTPD = "echo hello-from-web > /www/index.html; exec httpd -f -p 8080 -h /www";

    private final Owner owner = new Owner("test-" + UUID.randomUUID().toString().substring(0, 8));
    private final List<String> made = new ArrayList<>();
    private final RecordingTransport transport = new RecordingTransport();
    private Path workDir;
    private ComposeExtension extension;

    @BeforeAll
    void start() throws IOException {
        HostPodman.ensureImage();
        workDir = Files.createTempDirectory("sandboxer-compose");
        extension = new ComposeExtension(new ExtensionContext(owner, transport, workDir, Map.of(),
                Clock.systemUTC()));
    }

    @AfterEach
    void destroyWhatTheTestMade() {
        made.forEach(id -> extension.destroy(new BackendRef(ComposeExtension.ID, id, "")));
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
        String id = "ct" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        made.add(id);
        return ProvisionRequest.minimal(id, OwnershipLabels.of(id, owner, Instant.now().plusSeconds(600)), spec);
    }

    /** web serves HTTP on 8080, worker sleeps; web is the main service. */
    private static Map<String, Object> webAndWorker() {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("web", Map.of("image", HostPodman.IMAGE, "command", List.of("sh", "-c", HTTPD)));
        services.put("worker", Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "600")));
        return Map.of("services", services);
    }

    private ExecResult exec(Provisioned sandbox, String service, String... argv) {
        return extension.exec(sandbox.ref(), new ExecRequest(List.of(argv), Map.of(), Optional.ofNullable(service),
                Duration.ofSeconds(30)));
    }

    private static String containerOf(Provisioned sandbox, String service) {
        return "sbx_" + sandbox.ref().sandboxId() + "_" + service + "_1";
    }

    @Test
    void aServiceThatExitsFailsTheCreateWithItsLogTailAndLeavesNothing() {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("web", Map.of("image", HostPodman.IMAGE, "command", List.of("sh", "-c", HTTPD)));
        services.put("broken", Map.of("image", HostPodman.IMAGE,
                "command", List.of("sh", "-c", "echo broken-says-goodbye; exit 3")));
        ProvisionRequest request = request(Map.of("services", services, "volumes", Map.of("data", Map.of())));

        assertThatThrownBy(() -> extension.create(request, Progress.NONE))
                .isInstanceOfSatisfying(ExtensionException.ProvisionFailed.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("service broken exited with code 3");
                    assertThat(e.diagnostics()).contains("broken-says-goodbye");
                });
        assertThat(extension.listOwned(owner)).noneMatch(r -> r.sandboxId().equals(request.sandboxId()));
        assertThat(HostPodman.leftovers(owner.installationId())).isEmpty();
    }

    @Test
    void aMissingImageNamesTheServiceAndPodmansWords() {
        ProvisionRequest request = request(Map.of("services", Map.of("app", Map.of("image", "localhost/nope"))));

        assertThatThrownBy(() -> extension.create(request, Progress.NONE))
                .isInstanceOf(ExtensionException.ProvisionFailed.class)
                .hasMessageContaining("service app was not created")
                .hasMessageContaining("localhost/nope: image not known");
    }

    @Test
    void deniedStackHasNoRouteOutYetServesItsPortThroughTheGateway() {
        int port = HostPodman.freePort();
        ProvisionRequest request = request(webAndWorker())
                .withPorts(List.of(new PortBinding("site", Optional.of("web"), 8080, "127.0.0.1", port, "http")));

        Provisioned sandbox = extension.create(request, Progress.NONE);

        assertThat(Http.awaitBody("http://127.0.0.1:" + port + "/")).contains("hello-from-web");
        assertThat(sandbox.isolation()).containsEntry("network", "internal");
        for (String service : List.of("web", "worker")) {
            assertThat(exec(sandbox, service, "ip", "route").stdout()).as(service).doesNotContain("default");
            assertThat(exec(sandbox, service, "nc", "-w", "2", "10.88.0.1", "22").stderr()).as(service)
                    .containsIgnoringCase("unreachable");
        }
        // Services still reach each other by name on the stack network.
        assertThat(exec(sandbox, "worker", "sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc web 8080").stdout())
                .contains("hello-from-web");
    }

    @Test
    void allowedStackPublishesDirectlyAndAppliesLimitsToEveryService() {
        int port = HostPodman.freePort();
        ProvisionRequest request = request(webAndWorker())
                .withNetwork(new NetworkPolicy(NetworkPolicy.Egress.ALLOW_ALL, List.of()))
                .withResources(new Resources(500, 128L << 20))
                .withPorts(List.of(new PortBinding("site", Optional.of("web"), 8080, "127.0.0.1", port, "http")));

        Provisioned sandbox = extension.create(request, Progress.NONE);

        assertThat(Http.awaitBody("http://127.0.0.1:" + port + "/")).contains("hello-from-web");
        assertThat(exec(sandbox, "worker", "ip", "route").stdout()).contains("default");
        for (String service : List.of("web", "worker")) {
            assertThat(HostPodman.run("podman", "inspect", containerOf(sandbox, service), "--format",
                    "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}").stdout().strip()).as(service)
                    .isEqualTo("500000000 134217728");
        }
    }

    @Test
    void envAndSecretsReachEveryServiceLiterallyButSecretsNeverADiskFileOrACommandLine() throws IOException {
        String marker = "tok-" + UUID.randomUUID();
        String secret = marker + "-$HOME-${PATH}-'q'\nline two";
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("web", Map.of("image", HostPodman.IMAGE, "command", List.of("sh", "-c", HTTPD)));
        services.put("worker", Map.of("image", HostPodman.IMAGE, "command", List.of("sleep", "600"),
                "environment", Map.of("API_TOKEN", "from-the-compose-section", "OWN", "kept")));
        ProvisionRequest request = request(Map.of("services", services))
                .withEnv(Map.of("PLAIN", "dollar-$PATH-kept"), Map.of("API_TOKEN", new Secret(secret)));
        List<Path> holdingItWhileRunning = new CopyOnWriteArrayList<>();
        transport.whileRunning(command -> holdingItWhileRunning.addAll(RecordingTransport.filesContaining(workDir,
                marker)));

        Provisioned sandbox = extension.create(request, Progress.NONE);

        for (String service : List.of("web", "worker")) {
            assertThat(exec(sandbox, service, "sh", "-c", "echo \"$API_TOKEN\"").stdout()).as(service)
                    .isEqualTo(secret + "\n");
            assertThat(exec(sandbox, service, "sh", "-c", "echo \"$PLAIN\"").stdout()).as(service)
                    .isEqualTo("dollar-$PATH-kept\n");
            assertThat(HostPodman.run("podman", "inspect", containerOf(sandbox, service), "--format",
                    "{{json .Config.CreateCommand}}").stdout()).as(service).doesNotContain(marker)
                    .contains("\"-e\",\"API_TOKEN\"");
        }
        assertThat(exec(sandbox, "worker", "sh", "-c", "echo \"$OWN\"").stdout()).isEqualTo("kept\n");
        // Not on disk: the compose file names the secret without a value; no file held it at any time.
        assertThat(transport.written()).noneMatch(w -> new String(w.content(), StandardCharsets.UTF_8)
                .contains(marker));
        assertThat(holdingItWhileRunning).isEmpty();
        assertThat(RecordingTransport.filesContaining(workDir, marker)).isEmpty();
        assertThat(transport.written()).filteredOn(w -> w.path().endsWith("/" + StackCreation.COMPOSE_FILE))
                .singleElement().satisfies(w -> assertThat(new String(w.content(), StandardCharsets.UTF_8))
                        .contains("API_TOKEN: null").doesNotContain("env_file").doesNotContain("from-the-compose"));
        // Not on a command line: only podman-compose (and the podman runs it starts) has it, in its environment.
        List<RecordingTransport.Run> runs = transport.runs();
        assertThat(runs).allSatisfy(r -> assertThat(r.command().argv()).noneMatch(arg -> arg.contains(marker)));
        List<RecordingTransport.Run> carrying = runs.stream()
                .filter(r -> r.command().env().containsKey("API_TOKEN")).toList();
        assertThat(carrying).singleElement().satisfies(r -> {
            Command up = r.command();
            assertThat(up.argv().getFirst()).isEqualTo("podman-compose");
            assertThat(up.argv()).endsWith("up", "-d");
            assertThat(up.env()).containsExactly(Map.entry("API_TOKEN", secret));
            // podman-compose prints each podman argv it runs: the secret is there by name only.
            assertThat(r.result().stdout()).contains(" -e API_TOKEN ").doesNotContain(marker);
            assertThat(r.result().stderr()).doesNotContain(marker);
        });
    }

    @Test
    void aSecretWhoseNameWouldSteerPodmanComposeOnTheHostIsRefusedBeforeAnythingIsMade() {
        ProvisionRequest request = request(webAndWorker())
                .withEnv(Map.of(), Map.of("PYTHONPATH", new Secret("/tmp/not-a-value-to-print")));

        assertThatThrownBy(() -> extension.create(request, Progress.NONE))
                .isInstanceOf(ExtensionException.ProvisionFailed.class)
                .hasMessageContaining("secret PYTHONPATH cannot be delivered")
                .hasMessageNotContaining("not-a-value-to-print");
        assertThat(transport.runs()).isEmpty();
        assertThat(transport.written()).isEmpty();
    }

    @Test
    void setupFilesAreReadOnlyInEveryService() {
        ProvisionRequest request = request(webAndWorker()).withFiles(List.of(
                new SetupFile("/etc/app/config.txt", "setting=1\n".getBytes(StandardCharsets.UTF_8), 0644)));

        Provisioned sandbox = extension.create(request, Progress.NONE);

        for (String service : List.of("web", "worker")) {
            assertThat(exec(sandbox, service, "cat", "/etc/app/config.txt").stdout()).isEqualTo("setting=1\n");
            assertThat(exec(sandbox, service, "sh", "-c", "echo x >> /etc/app/config.txt").exitCode()).isNotZero();
        }
    }

    @Test
    void execGoesToTheMainServiceAndLogsNameTheirService() {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("front", Map.of("image", HostPodman.IMAGE, "command",
                List.of("sh", "-c", "echo front-started; sleep 600")));
        services.put("back", Map.of("image", HostPodman.IMAGE, "command",
                List.of("sh", "-c", "echo back-started; sleep 600"), "working_dir", "/tmp"));
        Provisioned sandbox = extension.create(request(Map.of("services", services, "main", "back")),
                Progress.NONE);

        assertThat(extension.exec(sandbox.ref(), ExecRequest.of("pwd")).stdout().strip()).isEqualTo("/tmp");
        assertThat(extension.logTail(sandbox.ref(), 10)).hasValueSatisfying(tail -> assertThat(tail)
                .contains("front | front-started").contains("back | back-started"));
        assertThat(extension.observe(sandbox.ref()).status()).isEqualTo(Observation.Status.RUNNING);

        HostPodman.run("podman", "rm", "-f", "-t", "0", containerOf(sandbox, "front"));
        HostPodman.run("podman", "stop", "-t", "0", containerOf(sandbox, "back"));
        Observation stopped = extension.observe(sandbox.ref());
        assertThat(stopped.status()).isEqualTo(Observation.Status.STOPPED);
        assertThat(stopped.detail()).contains("back exited");
    }

    @Test
    void whatTheControlPlaneOwnsIsRefusedInTheSpec() {
        Map<String, Object> web = new LinkedHashMap<>();
        web.put("image", HostPodman.IMAGE);
        web.put("privileged", true);
        web.put("ports", List.of("8080:8080"));
        web.put("volumes", List.of("/etc:/host-etc", "./src:/src", "/anonymous", "undeclared:/x"));
        web.put("environment", List.of("FROM_CONTROL_PLANE"));
        web.put("colour", "red");
        Map<String, Object> spec = Map.of("services", Map.of("web", web), "extra", 1);

        assertThat(extension.validateSpec(spec)).contains(
                "extra: unknown key (allowed: main, services, volumes)",
                "services.web.privileged: not allowed: it would weaken the sandbox's isolation",
                "services.web.ports: ports are published by the control plane (the profile's ports, naming this service)",
                "services.web.volumes[0]: host bind mounts are not allowed; use a named volume",
                "services.web.volumes[1]: host bind mounts are not allowed; use a named volume",
                "services.web.volumes[2]: anonymous volumes are not supported: declare a named volume",
                "services.web.volumes[3]: volume 'undeclared' is not declared under volumes",
                "services.web.environment[0]: must be NAME=value");
        assertThat(extension.validateSpec(spec)).anyMatch(l -> l.startsWith("services.web.colour: unknown key"));
        assertThat(extension.validateSpec(webAndWorker())).isEmpty();
        ProvisionRequest request = request(spec);
        assertThatThrownBy(() -> extension.create(request, Progress.NONE))
                .isInstanceOfSatisfying(ExtensionException.InvalidSpec.class,
                        e -> assertThat(e.path()).isEqualTo("extra"));
    }
}
