package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.profile.Durations;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.core.store.StoreSession;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.Owner;
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
 * Everything after the intent was recorded runs inside one failure boundary.
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
    /** (project, extension) → the project's own provider key (BYOK), opened here and nowhere else. */
    private final java.util.function.BiFunction<String, String, Optional<Secret>> providerKeys;

    Provisioner(Store store, Journal journal, SecretLookup secrets, Clock clock,
                java.util.function.BiFunction<String, String, Optional<Secret>> providerKeys) {
        this.store = store;
        this.journal = journal;
        this.secrets = secrets;
        this.clock = clock;
        this.providerKeys = providerKeys;
    }

    Sandbox provision(Sandbox sandbox, Plan plan, Extension extension, Operation op, Progress progress,
                      Optional<String> placementHost) {
        Redaction redaction = Redaction.NONE;
        try {
            FaultPoints.reached(FaultPoints.CREATE_REQUESTED);
            List<PortBinding> ports = claimPortsAndStart(sandbox, plan, op);
            FaultPoints.reached(FaultPoints.CREATE_PROVISIONING);
            Map<String, Secret> resolved = resolveSecrets(plan);
            Optional<Secret> providerKey = providerKeys.apply(sandbox.project(), extension.descriptor().id());
            List<Secret> redacted = new java.util.ArrayList<>(resolved.values());
            providerKey.ifPresent(redacted::add);
            redaction = Redaction.of(redacted);
            progress.step("provisioning on " + extension.descriptor().id());
            ProvisionRequest asked = request(sandbox, plan, extension, ports, resolved);
            ProvisionRequest request = placementHost.map(asked::withPlacementHost).orElse(asked);
            Provisioned made = extension.create(providerKey.map(request::withProviderKey).orElse(request), progress);
            FaultPoints.reached(FaultPoints.CREATE_MADE);
            if (plan.readiness().isEmpty()) {
                // Nothing to wait for: the backend's answer and `ready` are recorded in one transaction.
                Sandbox ready = store.write(s -> ready(s, recordBackend(s, sandbox.id(), made), op));
                FaultPoints.reached(FaultPoints.CREATE_RECORDED);
                return ready;
            }
            Sandbox withBackend = store.write(s -> recordBackend(s, sandbox.id(), made));
            FaultPoints.reached(FaultPoints.CREATE_RECORDED);
            progress.step("waiting for readiness");
            ReadinessCheck.Attempt last = awaitReady(withBackend, plan.readiness().get(), extension);
            if (!last.ready()) {
                throw new NotReady("not ready after " + Durations.format(plan.readiness().get().timeout())
                        + ": " + last.detail(), logTail(extension, withBackend));
            }
            return store.write(s -> ready(s, s.findSandbox(sandbox.id()).orElseThrow(), op));
        } catch (NotReady e) {
            throw failed(sandbox, extension, op, e.getMessage(), e.diagnostics, redaction, e);
        } catch (ExtensionException.ProvisionFailed e) {
            throw failed(sandbox, extension, op, e.getMessage(), e.diagnostics(), redaction, e);
        } catch (Superseded e) {
            cleanUp(extension, sandbox);
            store.write(s -> {
                journal.interruptRunning(s, sandbox.id(), e.state, "superseded: the sandbox became "
                        + e.state.id() + " while it was being created");
                return null;
            });
            throw new SandboxerException.Conflict("superseded", "sandbox " + sandbox.id() + " became "
                    + e.state.id() + " while it was being created; what was made has been removed", "");
        } catch (SandboxerException e) {
            // e.g. no free port or an unresolvable secret: a refusal that still must not leave a half-made sandbox
            throw failed(sandbox, extension, op, e.getMessage(), "", redaction, e);
        } catch (RuntimeException e) {
            throw failed(sandbox, extension, op, "backend error: " + e.getMessage(), "", redaction, e);
        }
    }

    /** Another writer moved the sandbox on while we were creating it. */
    private static final class Superseded extends RuntimeException {
        private final SandboxState state;

        Superseded(SandboxState state) {
            super(null, null, false, false);
            this.state = state;
        }
    }

    /**
     * What the backend made, recorded before anything else can go wrong (a readiness wait may be long), so
     * a crash from here on leaves a record that knows what to remove.
     */
    private Sandbox recordBackend(StoreSession s, String sandboxId, Provisioned made) {
        Sandbox current = s.findSandbox(sandboxId).orElseThrow();
        if (current.state() != SandboxState.PROVISIONING) {
            throw new Superseded(current.state());
        }
        return s.updateSandbox(current.withBackend(made.location(), Optional.of(made.ref().state()),
                made.endpoints(), made.isolation(), made.deadline(), clock.instant()));
    }

    private Sandbox ready(StoreSession s, Sandbox current, Operation op) {
        if (current.state() != SandboxState.PROVISIONING) {
            throw new Superseded(current.state());
        }
        Sandbox ready = journal.transition(s, current, SandboxState.READY, op);
        journal.succeed(s, op, SandboxState.READY);
        return ready;
    }

    /** Readiness never came; carries the workload's log tail. */
    private static final class NotReady extends RuntimeException {
        private final String diagnostics;

        NotReady(String message, String diagnostics) {
            super(message, null, false, false);
            this.diagnostics = diagnostics;
        }
    }

    private List<PortBinding> claimPortsAndStart(Sandbox sandbox, Plan plan, Operation op) {
        return store.write(s -> {
            List<Integer> hostPorts = PortAllocator.claim(s, LOCAL_HOST, HOST_IP, sandbox.id(), plan.ports().size());
            List<PortBinding> ports = new ArrayList<>();
            for (int i = 0; i < plan.ports().size(); i++) {
                Plan.Port p = plan.ports().get(i);
                ports.add(new PortBinding(p.name(), p.service(), p.containerPort(), HOST_IP, hostPorts.get(i),
                        p.protocol()));
            }
            journal.transition(s, s.findSandbox(sandbox.id()).orElseThrow(), SandboxState.PROVISIONING, op);
            return ports;
        });
    }

    private Map<String, Secret> resolveSecrets(Plan plan) {
        Map<String, Secret> resolved = new LinkedHashMap<>();
        plan.secretRefs().forEach((name, reference) -> resolved.put(name, secrets.resolve(reference)));
        return resolved;
    }

    private ProvisionRequest request(Sandbox sandbox, Plan plan, Extension extension, List<PortBinding> ports,
                                     Map<String, Secret> resolved) {
        boolean fixedDeadline = extension.descriptor().supports(Capability.BACKEND_DEADLINE)
                && !extension.descriptor().supports(Capability.EXTEND_DEADLINE);
        // A deadline the backend cannot move later is set at the hard maximum, so extend never has to
        // outrun it; the control plane enforces the TTL itself.
        Optional<Instant> deadline = !extension.descriptor().supports(Capability.BACKEND_DEADLINE) ? Optional.empty()
                : Optional.of(fixedDeadline ? sandbox.maxExpiresAt() : sandbox.expiresAt());
        // expires-at is a "no later than" bound: the hard maximum, which extend can never pass, so a sweeper
        // reading labels never removes a sandbox that was extended.
        Map<String, String> labels = new LinkedHashMap<>(OwnershipLabels.of(sandbox.id(),
                new Owner(store.installationId()), sandbox.maxExpiresAt()));
        labels.put(OwnershipLabels.PREFIX + "project", sandbox.project());
        labels.put(OwnershipLabels.PREFIX + "profile", plan.profileId());
        return new ProvisionRequest(sandbox.id(), labels, deadline, plan.resources(), plan.network(), ports,
                plan.env(), resolved, plan.files(), plan.backend().getOrDefault(extension.descriptor().id(), Map.of()));
    }

    private ReadinessCheck.Attempt awaitReady(Sandbox sandbox, Plan.Probe probe, Extension extension) {
        var stopped = (java.util.function.Supplier<Optional<String>>) () -> stoppedWorkload(extension, sandbox);
        return switch (probe) {
            case Plan.HttpProbe http -> {
                String url = sandbox.endpoints().stream().filter(e -> e.name().equals(http.port())).findFirst()
                        .map(e -> e.address().replaceAll("/+$", "") + http.path())
                        .orElseThrow(() -> new NotReady("readiness port " + http.port() + " has no endpoint", ""));
                String full = url.startsWith("http") ? url : "http://" + url;
                yield ReadinessCheck.await(() -> ReadinessCheck.http(full, http.status()), stopped, http.timeout(),
                        http.interval());
            }
            case Plan.CommandProbe command -> ReadinessCheck.await(() -> {
                ExecResult r = extension.exec(SandboxEngine.ref(sandbox), new ExecRequest(command.argv(), Map.of(),
                        Optional.empty(), command.timeout()));
                return new ReadinessCheck.Attempt(r.exitCode() == 0, String.join(" ", command.argv()) + " exited "
                        + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
            }, stopped, command.timeout(), command.interval());
        };
    }

    /** Why waiting for readiness is pointless, if the backend says the workload is no longer running. */
    private static Optional<String> stoppedWorkload(Extension extension, Sandbox sandbox) {
        Observation seen = extension.observe(SandboxEngine.ref(sandbox));
        return switch (seen.status()) {
            case STOPPED, GONE -> Optional.of("the workload stopped: " + seen.detail());
            default -> Optional.empty();
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

    /**
     * Removes whatever was made, records the failure (secret values redacted), and returns the error to
     * throw. Port claims are released only when the backend confirmed the cleanup.
     */
    private SandboxerException failed(Sandbox sandbox, Extension extension, Operation op, String why,
                                      String diagnostics, Redaction redaction, Throwable cause) {
        String cleanup = cleanUp(extension, sandbox);
        String reason = redaction.apply(why + cleanup);
        String shownDiagnostics = redaction.apply(diagnostics == null ? "" : diagnostics);
        String failure = reason + (shownDiagnostics.isBlank() ? "" : "\n" + shownDiagnostics.strip());
        store.write(s -> {
            if (cleanup.isEmpty()) {
                s.releasePorts(sandbox.id());
            }
            Sandbox current = s.findSandbox(sandbox.id()).orElseThrow();
            if (current.state().canMoveTo(SandboxState.FAILED)) {
                journal.transition(s, current, current.withFailure(failure, clock.instant()), op,
                        Map.of("error", reason));
            }
            journal.fail(s, op, SandboxState.FAILED, reason);
            return null;
        });
        return new SandboxerException.ProvisionFailed(sandbox.id(), "sandbox " + sandbox.id() + " failed: " + reason,
                shownDiagnostics, cause);
    }

    private static String cleanUp(Extension extension, Sandbox sandbox) {
        try {
            extension.destroy(SandboxEngine.ref(sandbox));
            return "";
        } catch (RuntimeException e) {
            return "; cleanup also failed (its resources may remain; run destroy again): " + e.getMessage();
        }
    }

    /**
     * The backend half of destroy; the sandbox is already {@code destroying}. If the backend fails, the
     * sandbox stays {@code destroying} (its resources may still exist) and a later destroy or reap retries.
     */
    Sandbox teardown(Sandbox sandbox, Extension extension, Operation op) {
        FaultPoints.reached(FaultPoints.DESTROY_CLAIMED);
        try {
            extension.destroy(SandboxEngine.ref(sandbox));
        } catch (RuntimeException e) {
            store.write(s -> journal.fail(s, op, SandboxState.DESTROYING, "destroy failed: " + e.getMessage()));
            throw BackendErrors.translate(e, sandbox.id(), "destroy");
        }
        FaultPoints.reached(FaultPoints.DESTROY_REMOVED);
        return store.write(s -> {
            s.releasePorts(sandbox.id());
            Sandbox current = s.findSandbox(sandbox.id()).orElseThrow();
            Sandbox gone = current.withState(SandboxState.DESTROYED, clock.instant()).withoutEndpoints();
            Sandbox destroyed = journal.transition(s, current, gone, op, Map.of());
            journal.succeed(s, op, SandboxState.DESTROYED);
            return destroyed;
        });
    }
}
