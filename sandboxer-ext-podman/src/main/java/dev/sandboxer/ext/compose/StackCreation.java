package dev.sandboxer.ext.compose;

import dev.sandboxer.ext.podmancli.BackendNames;
import dev.sandboxer.ext.podmancli.Container;
import dev.sandboxer.ext.podmancli.Deadlines;
import dev.sandboxer.ext.podmancli.Podman;
import dev.sandboxer.ext.podmancli.PodmanSettings;
import dev.sandboxer.ext.podmancli.SandboxResources;
import dev.sandboxer.ext.podmancli.SecretEnv;
import dev.sandboxer.ext.podmancli.WorkArea;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.PortBinding;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.SetupFile;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One attempt at making a compose sandbox: write the directory (compose file, setup files), {@code
 * podman-compose up -d}, then check every service runs. It only makes things; on failure the extension removes
 * everything carrying the sandbox's labels.
 *
 * <p>Secret values are never written: the compose file names each secret without a value ({@code NAME: null}),
 * which podman-compose 1.0.3 passes to {@code podman run} as {@code -e NAME}, and podman takes the value from its
 * environment, inherited from podman-compose, whose environment alone holds the values. See {@link SecretEnv}.
 */
final class StackCreation {
    static final String COMPOSE_FILE = "compose.yaml";
    static final String SERVICE_LABEL = "com.docker.compose.service";

    private final Transport transport;
    private final Podman podman;
    private final PodmanSettings settings;
    private final List<String> composeCommand;
    private final Duration upTimeout;
    private final WorkArea work;
    private final SandboxResources resources;
    private final ProvisionRequest request;
    private final ComposeSpec spec;
    private final Map<String, String> labels;
    private final ComposeFile file;
    private final OptionalLong timeoutSeconds;

    StackCreation(ComposeExtension.Tools tools, WorkArea work, SandboxResources resources, ProvisionRequest request,
                  ComposeSpec spec, Map<String, String> labels, Clock clock) {
        this.transport = tools.podman().transport();
        this.podman = tools.podman();
        this.settings = tools.settings();
        this.composeCommand = tools.composeCommand();
        this.upTimeout = tools.upTimeout();
        this.work = work;
        this.resources = resources;
        this.request = request;
        this.spec = spec;
        this.labels = labels;
        this.file = new ComposeFile(spec, request, labels);
        this.timeoutSeconds = Deadlines.timeoutSeconds(request.deadline(), clock);
        // Everything that can be refused is refused here, before anything exists.
        request.env().keySet().forEach(SecretEnv::requireName);
        SecretEnv.check(request.secrets());
        for (PortBinding port : request.ports()) {
            if (!spec.services().containsKey(file.serviceOf(port))) {
                throw new ExtensionException.ProvisionFailed("port " + port.name() + " names service "
                        + file.serviceOf(port) + ", which the compose section does not define", "", null);
            }
        }
        for (SetupFile setup : request.files()) {
            if (!setup.path().startsWith("/") || setup.path().contains(":") || setup.path().endsWith("/")) {
                throw new ExtensionException.ProvisionFailed("setup file path '" + setup.path()
                        + "' must be an absolute file path without ':'", "", null);
            }
        }
    }

    boolean usesGateway() {
        return file.usesGateway();
    }

    void run(Progress progress) {
        String sandboxId = request.sandboxId();
        work.open(sandboxId, labels);
        Map<String, String> setupFiles = new LinkedHashMap<>();
        for (int i = 0; i < request.files().size(); i++) {
            SetupFile setup = request.files().get(i);
            setupFiles.put(work.write(sandboxId, "files/" + i, setup.content(), setup.mode()), setup.path());
        }
        String compose = work.write(sandboxId, COMPOSE_FILE, file.render(setupFiles, settings.gatewayImage()), 0600);
        progress.step("podman-compose up " + BackendNames.composeProject(sandboxId));
        List<String> argv = upArgv(compose);
        CommandResult up;
        try {
            up = transport.run(new Command(argv, SecretEnv.of(request.secrets()), new byte[0], upTimeout));
        } catch (TransportException e) {
            throw podman.cannotRun(argv.getFirst(), "apt-get install podman-compose", e);
        }
        if (up.timedOut()) {
            throw new ExtensionException.ProvisionFailed("podman-compose up did not finish within "
                    + upTimeout.toSeconds() + " s", up.tail(20), null);
        }
        checkServices(up);
    }

    private List<String> upArgv(String compose) {
        List<String> argv = new ArrayList<>(composeCommand);
        if (!"podman".equals(podman.program())) {
            argv.addAll(List.of("--podman-path", podman.program()));
        }
        // One argument with '=': podman-compose shlex-splits it, and argparse would read a separate
        // "--timeout ..." value as an option of its own.
        StringBuilder runArgs = new StringBuilder("--pull " + settings.pull());
        timeoutSeconds.ifPresent(s -> runArgs.append(" --timeout ").append(s));
        argv.add("--podman-run-args=" + runArgs);
        argv.addAll(List.of("-p", BackendNames.composeProject(request.sandboxId()), "-f", compose, "up", "-d"));
        return argv;
    }

    /**
     * podman-compose 1.0.3 exits 0 even when a container could not be created, so the truth is read from
     * podman: every service must have a running container. podman-compose sleeps a second after each
     * {@code podman run}, so a service that exits at once has already done so here.
     */
    private void checkServices(CommandResult up) {
        Map<String, Container> byService = new LinkedHashMap<>();
        for (Container c : resources.containers(request.sandboxId())) {
            byService.put(c.label(SERVICE_LABEL), c);
        }
        Set<String> expected = new LinkedHashSet<>(spec.services().keySet());
        if (usesGateway()) {
            expected.add(ComposeSpec.GATEWAY_SERVICE);
        }
        List<String> failures = new ArrayList<>();
        StringBuilder diagnostics = new StringBuilder();
        for (String service : expected) {
            Container c = byService.get(service);
            if (c == null) {
                failures.add("service " + service + " was not created");
            } else if (!c.running()) {
                failures.add("service " + service + " " + c.describe());
                diagnostics.append("== ").append(service).append(" (").append(c.describe()).append(") log tail:\n")
                        .append(podman.logTail(c.id(), 20)).append('\n');
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        // podman-compose probes each volume with "podman volume inspect" before creating it: not a failure.
        List<String> errors = up.stderr().lines().filter(l -> l.startsWith("Error:"))
                .filter(l -> !l.startsWith("Error: inspecting object: no such volume")).toList();
        if (!errors.isEmpty()) {
            diagnostics.append("== podman said:\n").append(String.join("\n", errors)).append('\n');
        }
        if (up.exitCode() != 0) {
            diagnostics.append("== podman-compose up exited with code ").append(up.exitCode()).append(":\n")
                    .append(up.tail(10)).append('\n');
        }
        String said = errors.isEmpty() ? "" : " (" + errors.getFirst().substring("Error: ".length()) + ")";
        throw new ExtensionException.ProvisionFailed(String.join("; ", failures) + said, diagnostics.toString()
                .strip(), null);
    }
}
