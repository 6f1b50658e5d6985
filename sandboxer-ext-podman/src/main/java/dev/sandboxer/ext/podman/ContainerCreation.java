package dev.sandboxer.ext.podman;

import dev.sandboxer.ext.podmancli.Deadlines;
import dev.sandboxer.ext.podmancli.Endpoints;
import dev.sandboxer.ext.podmancli.Podman;
import dev.sandboxer.ext.podmancli.PodmanSettings;
import dev.sandboxer.ext.podmancli.PortGateway;
import dev.sandboxer.ext.podmancli.Roles;
import dev.sandboxer.ext.podmancli.SecretEnv;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.PortBinding;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.transport.CommandResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One attempt at making a sandbox: volumes, network, container, setup files, port gateway, start, and a
 * check that the workload stays up. It only makes things; on any failure the extension removes everything
 * carrying the sandbox's labels, so this class needs no undo bookkeeping.
 */
final class ContainerCreation {
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);

    private final Podman podman;
    private final PodmanSettings settings;
    private final ProvisionRequest request;
    private final PodmanSpec spec;
    private final Map<String, String> labels;
    private final SandboxNames names;
    private final OptionalLong timeoutSeconds;
    private final Clock clock;

    ContainerCreation(Podman podman, PodmanSettings settings, ProvisionRequest request, PodmanSpec spec,
                      Map<String, String> labels, Clock clock) {
        this.podman = podman;
        this.settings = settings;
        this.request = request;
        this.spec = spec;
        this.labels = labels;
        this.names = SandboxNames.of(request.sandboxId());
        this.timeoutSeconds = Deadlines.timeoutSeconds(request.deadline(), clock);
        this.clock = clock;
        // Everything that can be refused is refused here, before anything exists.
        request.env().keySet().forEach(SecretEnv::requireName);
        SecretEnv.check(request.secrets());
        SetupArchive.check(request.files());
    }

    /** Denied egress with published ports needs the gateway (see {@link PortGateway} for why). */
    boolean usesGateway() {
        return request.network().denied() && !request.ports().isEmpty();
    }

    /**
     * Nothing is written on the host: setup files go in as a tar on stdin, secrets through podman's env.
     *
     * @return the workload container's id
     */
    String run(Progress progress) {
        for (PodmanSpec.Volume volume : spec.volumes()) {
            progress.step("creating volume " + names.volume(volume.name()));
            List<String> args = new ArrayList<>(List.of("volume", "create"));
            args.addAll(Podman.labelArgs(labels));
            args.add(names.volume(volume.name()));
            podman.require("podman volume create", args);
        }
        if (usesGateway()) {
            progress.step("creating internal network " + names.internalNetwork());
            createNetwork(names.internalNetwork(), true);
            createNetwork(names.edgeNetwork(), false);
        }
        if (request.files().isEmpty() && !usesGateway()) {
            // Nothing has to happen between create and start: one `podman run -d` instead of two processes.
            progress.step("starting container " + names.container() + " from " + spec.image());
            String id = createWorkload(true);
            awaitStartup();
            return id;
        }
        progress.step("creating container " + names.container() + " from " + spec.image());
        String id = createWorkload(false);
        if (!request.files().isEmpty()) {
            progress.step("copying " + request.files().size() + " setup file(s)");
            copySetupFiles();
        }
        if (usesGateway()) {
            progress.step("creating port gateway " + names.gateway());
            createGateway();
        }
        progress.step("starting " + names.container());
        start(names.container());
        if (usesGateway()) {
            start(names.gateway());
        }
        awaitStartup();
        return id;
    }

    private void createNetwork(String name, boolean internal) {
        List<String> args = new ArrayList<>(List.of("network", "create"));
        args.addAll(Podman.labelArgs(labels));
        if (internal) {
            args.add("--internal");
        }
        args.add(name);
        podman.require("podman network create", args);
    }

    /** {@code podman create}, or {@code podman run -d} when {@code start}; both print the new container's id. */
    private String createWorkload(boolean start) {
        List<String> args = new ArrayList<>(start ? List.of("run", "-d") : List.of("create"));
        args.addAll(List.of("--name", names.container(), "--pull", settings.pull()));
        args.addAll(Podman.labelArgs(withRole(Roles.WORKLOAD)));
        if (request.network().denied()) {
            args.addAll(usesGateway()
                    ? List.of("--network", names.internalNetwork(), "--network-alias", SandboxNames.WORKLOAD_ALIAS)
                    : List.of("--network", "none"));
        } else {
            for (PortBinding port : request.ports()) {
                args.addAll(List.of("-p", Endpoints.publish(port, port.containerPort())));
            }
        }
        addLimits(args);
        timeoutSeconds.ifPresent(s -> args.addAll(List.of("--timeout", Long.toString(s))));
        request.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> args.addAll(List.of("--env", e.getKey() + "=" + e.getValue())));
        for (PodmanSpec.Volume volume : spec.volumes()) {
            args.addAll(List.of("-v", names.volume(volume.name()) + ":" + volume.path()));
        }
        spec.workdir().ifPresent(w -> args.addAll(List.of("--workdir", w)));
        spec.user().ifPresent(u -> args.addAll(List.of("--user", u)));
        // Secrets by name only: podman reads each value from its own environment, which holds them for this
        // one process. They never reach a file or the command line (which ps and CreateCommand would show).
        Map<String, String> secretEnv = SecretEnv.of(request.secrets());
        secretEnv.keySet().forEach(name -> args.addAll(List.of("--env", name)));
        args.add(spec.image());
        args.addAll(spec.command());
        CommandResult created = podman.runWithEnv(CREATE_TIMEOUT, args, secretEnv);
        if (!created.ok()) {
            // podman run's own codes: 125 podman failed (nothing started), 126/127 the command could not run.
            throw start && (created.exitCode() == 126 || created.exitCode() == 127)
                    ? new ExtensionException.ProvisionFailed("container " + names.container() + " could not start: "
                            + Podman.lastWords(created), diagnostics(created.tail(20), names.container()), null)
                    : createFailed(spec.image(), created);
        }
        String id = created.stdout().strip();
        int lastLine = id.lastIndexOf('\n');
        return lastLine < 0 ? id : id.substring(lastLine + 1).strip();
    }

    private void addLimits(List<String> args) {
        if (request.resources().cpuMillis() > 0) {
            args.addAll(List.of("--cpus", request.resources().cpusDecimal()));
        }
        if (request.resources().memoryBytes() > 0) {
            args.addAll(List.of("--memory", Long.toString(request.resources().memoryBytes())));
        }
    }

    private void copySetupFiles() {
        byte[] archive = SetupArchive.of(request.files(), clock.instant().getEpochSecond());
        CommandResult copied = podman.run(CREATE_TIMEOUT, List.of("cp", "-", names.container() + ":/"), archive);
        if (!copied.ok()) {
            throw new ExtensionException.ProvisionFailed("copying setup files into " + names.container()
                    + " failed: " + Podman.lastWords(copied), copied.tail(20), null);
        }
    }

    private void createGateway() {
        List<String> args = new ArrayList<>(List.of("create", "--name", names.gateway(), "--pull", settings.pull(),
                "--network", names.internalNetwork(), "--network", names.edgeNetwork(),
                "--cap-drop", "ALL", "--memory", Long.toString(64L << 20)));
        args.addAll(Podman.labelArgs(withRole(Roles.PORT_GATEWAY)));
        timeoutSeconds.ifPresent(s -> args.addAll(List.of("--timeout", Long.toString(s))));
        List<PortGateway.Relay> relays = new ArrayList<>();
        for (PortBinding port : request.ports()) {
            args.addAll(List.of("-p", Endpoints.publish(port, port.hostPort())));
            relays.add(new PortGateway.Relay(port.hostPort(), SandboxNames.WORKLOAD_ALIAS, port.containerPort()));
        }
        args.add(settings.gatewayImage());
        args.addAll(PortGateway.command(relays));
        CommandResult created = podman.run(CREATE_TIMEOUT, args);
        if (!created.ok()) {
            throw createFailed(settings.gatewayImage() + " (port gateway)", created);
        }
    }

    private void start(String container) {
        CommandResult started = podman.run(List.of("start", container));
        if (!started.ok()) {
            throw new ExtensionException.ProvisionFailed("container " + container + " could not start: "
                    + Podman.lastWords(started), diagnostics(started.tail(20), container), null);
        }
    }

    /**
     * A workload that dies at once (bad command, {@code exit 3}) would otherwise pass as created. {@code podman
     * wait} returns as soon as it exits; still waiting when the grace period ends means it stayed up.
     */
    private void awaitStartup() {
        Duration grace = settings.startupGrace();
        if (timeoutSeconds.isPresent()) {
            Duration half = Duration.ofSeconds(timeoutSeconds.getAsLong()).dividedBy(2);
            grace = grace.compareTo(half) > 0 ? half : grace;
        }
        if (grace.isZero() || grace.isNegative()) {
            return;
        }
        CommandResult waited = podman.run(grace, List.of("wait", "--condition", "exited", names.container()));
        if (waited.timedOut()) {
            return;
        }
        String exitCode = waited.stdout().strip();
        String what = waited.ok() && !exitCode.isEmpty() ? "exited with code " + exitCode
                : "could not be watched: " + Podman.lastWords(waited);
        throw new ExtensionException.ProvisionFailed("container " + names.container() + " " + what
                + " right after it started", diagnostics("", names.container()), null);
    }

    private String diagnostics(String podmanSaid, String container) {
        String logs = podman.logTail(container, 20);
        StringBuilder text = new StringBuilder();
        if (!podmanSaid.isBlank()) {
            text.append("podman: ").append(podmanSaid.strip()).append('\n');
        }
        text.append("log tail of ").append(container).append(":\n").append(logs.isBlank() ? "(empty)" : logs);
        return text.toString();
    }

    private ExtensionException.ProvisionFailed createFailed(String image, CommandResult created) {
        String said = Podman.lastWords(created);
        String message = said.contains("image not known")
                ? "image " + image + " not found on " + podman.transport().location() + " (pull policy '"
                        + settings.pull() + "'; build it first, e.g. scripts/build-images.sh)"
                : "podman create failed: " + said;
        return new ExtensionException.ProvisionFailed(message, created.tail(20), null);
    }

    private Map<String, String> withRole(String role) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(Roles.LABEL, role);
        return all;
    }
}
