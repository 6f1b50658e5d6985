package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.profile.Durations;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.PortBinding;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.spi.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backend half of create, recreate and destroy: claim ports, call the extension, wait for readiness,
 * and on any failure remove what was made and record why, so a failed sandbox never holds resources.
 */
final class Provisioner {
    /** Port claims are per host; every sandbox of this version runs on the local host. */
    static final String LOCAL_HOST = "local";
    static final String HOST_IP = "127.0.0.1";
    private static final int LOG_TAIL_LINES = 20;

    private final Store store;
    private final Journal journal;
    private final SecretLookup secrets;
    private final Clock clock;

    Provisioner(Store store, Journal journal, SecretLookup secrets, Clock clock) {
        this.store = store;
        this.journal = journal;
        this.secrets = secrets;
        this.clock = clock;
    }

    Sandbox provision(Sandbox sandbox, Plan plan, Extension extension, Operation op, Progress progress) {
        List<PortBinding> ports = new ArrayList<>();
        Sandbox provisioning = store.write(s -> {
            List<Integer> hostPorts = PortAllocator.claim(s, LOCAL_HOST, HOST_IP, sandbox.id(), plan.ports().size());
            ports.clear();
            for (int i = 0; i < plan.ports().size(); i++) {
                Plan.Port p = plan.ports().get(i);
                ports.add(new PortBinding(p.name(), p.service(), p.containerPort(), HOST_IP, hostPorts.get(i),
                        p.protocol()));
            }
            Sandbox current = s.findSandbox(sandbox.id()).orElseThrow();
            return journal.transition(s, current, SandboxState.PROVISIONING, op);
        });
        Provisioned made;
        try {
            progress.step("provisioning on " + extension.descriptor().id());
            made = extension.create(request(provisioning, plan, extension, ports), progress);
        } catch (ExtensionException e) {
            String diagnostics = e instanceof ExtensionException.ProvisionFailed failed ? failed.diagnostics() : "";
            throw failed(provisioning, extension, op, e.getMessage(), diagnostics, e);
        } catch (RuntimeException e) {
            throw failed(provisioning, extension, op, "backend error: " + e.getMessage(), "", e);
        }
        Sandbox withBackend = store.write(s -> s.updateSandbox(s.findSandbox(sandbox.id()).orElseThrow()
                .withBackend(made.location(), Optional.of(made.ref().state()), made.endpoints(), made.isolation(),
                        made.deadline(), clock.instant())));
        if (plan.readiness().isPresent()) {
            progress.step("waiting for readiness");
            ReadinessCheck.Attempt last = awaitReady(withBackend, plan.readiness().get(), extension);
            if (!last.ready()) {
                String logs = logTail(extension, withBackend);
                throw failed(withBackend, extension, op, "not ready after "
                        + Durations.format(plan.readiness().get().timeout()) + ": " + last.detail(), logs, null);
            }
        }
        return store.write(s -> {
            Sandbox current = s.findSandbox(sandbox.id()).orElseThrow();
            Sandbox ready = journal.transition(s, current, SandboxState.READY, op);
            journal.succeed(s, op, SandboxState.READY);
            return ready;
        });
    }

    private ProvisionRequest request(Sandbox sandbox, Plan plan, Extension extension, List<PortBinding> ports) {
        Map<String, Secret> resolved = new LinkedHashMap<>();
        plan.secretRefs().forEach((name, reference) -> resolved.put(name, secrets.resolve(reference)));
        boolean fixedDeadline = extension.descriptor().supports(Capability.BACKEND_DEADLINE)
                && !extension.descriptor().supports(Capability.EXTEND_DEADLINE);
        // A deadline the backend cannot move later is set at the hard maximum, so extend never has to
        // outrun it; the control plane's lease enforces the TTL itself.
        Optional<Instant> deadline = !extension.descriptor().supports(Capability.BACKEND_DEADLINE) ? Optional.empty()
                : Optional.of(fixedDeadline ? sandbox.maxExpiresAt() : sandbox.expiresAt());
        Map<String, String> labels = new LinkedHashMap<>(OwnershipLabels.of(sandbox.id(),
                new dev.sandboxer.spi.Owner(store.installationId()), sandbox.expiresAt()));
        labels.put(OwnershipLabels.PREFIX + "project", sandbox.project());
        labels.put(OwnershipLabels.PREFIX + "profile", plan.profileId());
        return new ProvisionRequest(sandbox.id(), labels, deadline, plan.resources(), plan.network(), ports,
                plan.env(), resolved, plan.files(), plan.backend().getOrDefault(extension.descriptor().id(), Map.of()));
    }

    private ReadinessCheck.Attempt awaitReady(Sandbox sandbox, Plan.Probe probe, Extension extension) {
        return switch (probe) {
            case Plan.HttpProbe http -> {
                String url = sandbox.endpoints().stream().filter(e -> e.name().equals(http.port())).findFirst()
                        .map(e -> e.address().replaceAll("/+$", "") + http.path())
                        .orElseThrow(() -> new IllegalStateException("readiness port " + http.port()
                                + " has no endpoint"));
                String full = url.startsWith("http") ? url : "http://" + url;
                yield ReadinessCheck.await(() -> ReadinessCheck.http(full, http.status()), http.timeout(),
                        http.interval());
            }
            case Plan.CommandProbe command -> ReadinessCheck.await(() -> {
                ExecResult r = extension.exec(SandboxEngine.ref(sandbox), new ExecRequest(command.argv(), Map.of(),
                        Optional.empty(), command.timeout()));
                return new ReadinessCheck.Attempt(r.exitCode() == 0, String.join(" ", command.argv()) + " exited "
                        + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
            }, command.timeout(), command.interval());
        };
    }

    private static String logTail(Extension extension, Sandbox sandbox) {
        if (!extension.descriptor().supports(Capability.LOGS)) {
            return "";
        }
        try {
            return extension.logTail(SandboxEngine.ref(sandbox), LOG_TAIL_LINES).orElse("");
        } catch (RuntimeException e) {
            return "(logs unavailable: " + e.getMessage() + ")";
        }
    }

    /** Removes whatever was made, records the failure, and returns the error to throw. */
    private SandboxerException failed(Sandbox sandbox, Extension extension, Operation op, String why,
                                      String diagnostics, Throwable cause) {
        String cleanup = cleanUp(extension, sandbox);
        String failure = why + cleanup + (diagnostics.isBlank() ? "" : "\n" + diagnostics.strip());
        store.write(s -> {
            s.releasePorts(sandbox.id());
            Sandbox current = s.findSandbox(sandbox.id()).orElseThrow();
            Sandbox failedOne = s.updateSandbox(current.withFailure(failure, clock.instant()));
            journal.emit(s, failedOne, "failed", op, Map.of("from", current.state().id(), "to", "failed",
                    "error", why + cleanup));
            journal.fail(s, op, SandboxState.FAILED, why + cleanup);
            return failedOne;
        });
        return new SandboxerException.ProvisionFailed(sandbox.id(), "sandbox " + sandbox.id() + " failed: " + why
                + cleanup, diagnostics, cause);
    }

    private static String cleanUp(Extension extension, Sandbox sandbox) {
        try {
            extension.destroy(SandboxEngine.ref(sandbox));
            return "";
        } catch (RuntimeException e) {
            return "; cleanup also failed: " + e.getMessage();
        }
    }

    /** The backend half of destroy; the sandbox is already {@code destroying}. */
    Sandbox teardown(Sandbox sandbox, Extension extension, Operation op) {
        try {
            extension.destroy(SandboxEngine.ref(sandbox));
        } catch (RuntimeException e) {
            store.write(s -> {
                Sandbox current = s.findSandbox(sandbox.id()).orElseThrow();
                Sandbox failedOne = s.updateSandbox(current.withFailure("destroy failed: " + e.getMessage(),
                        clock.instant()));
                journal.emit(s, failedOne, "failed", op, Map.of("from", current.state().id(), "to", "failed",
                        "error", "destroy failed: " + e.getMessage()));
                return journal.fail(s, op, SandboxState.FAILED, e.getMessage());
            });
            throw new SandboxerException.Unavailable("destroy of " + sandbox.id() + " failed: " + e.getMessage(),
                    "fix the backend (see 'sandboxer doctor') and run destroy again");
        }
        return store.write(s -> {
            s.releasePorts(sandbox.id());
            Sandbox current = s.findSandbox(sandbox.id()).orElseThrow();
            Sandbox destroyed = journal.transition(s, current, SandboxState.DESTROYED, op);
            journal.succeed(s, op, SandboxState.DESTROYED);
            return destroyed;
        });
    }
}
