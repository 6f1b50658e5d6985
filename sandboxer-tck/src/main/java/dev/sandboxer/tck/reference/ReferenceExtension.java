package dev.sandboxer.tck.reference;

import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.Endpoint;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionDescriptor;
import dev.sandboxer.spi.PriceSheet;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Health;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An extension whose "backend" is a map in memory. It keeps the whole contract (idempotency, labels,
 * deadlines, typed refusals) so the engine's tests and the benchmarks can run without podman, and so
 * extension authors can read a complete, small implementation.
 *
 * <p>Spec keys: {@code fail} (string): create fails with that reason. Exec understands a few commands
 * only, simulated without running anything: {@code echo ARGS...}, {@code true}, {@code false},
 * {@code sh -c "exit N"}; anything else exits 127.
 */
public final class ReferenceExtension implements Extension {

    public static final String ID = "reference";

    private static final PriceSheet PRICES = new PriceSheet("reference-1", "USD", 20_000, 5_000, 1_000_000, 0,
            0, 5_000, 500_000);

    private static final ExtensionDescriptor DESCRIPTOR = new ExtensionDescriptor(ID, "1.0.0",
            ExtensionDescriptor.Kind.SELF_HOSTED,
            Set.of(Capability.EXEC, Capability.BACKEND_DEADLINE, Capability.EXTEND_DEADLINE, Capability.PAUSE,
                    Capability.LOGS, Capability.PUBLISHED_PORTS, Capability.NETWORK_POLICY,
                    Capability.RESOURCE_LIMITS, Capability.MULTI_SERVICE, Capability.VOLUMES,
                    Capability.SETUP_FILES),
            "in-memory reference extension (for tests, benchmarks and extension authors)");

    private final Map<String, Unit> units = new ConcurrentHashMap<>();
    private final Clock clock;

    /** One simulated sandbox. */
    private record Unit(String sandboxId, Map<String, String> labels, Optional<Instant> deadline, boolean paused,
                        List<Endpoint> endpoints, String log) {
        Unit withDeadline(Instant newDeadline) {
            return new Unit(sandboxId, labels, Optional.of(newDeadline), paused, endpoints, log);
        }

        Unit withPaused(boolean nowPaused) {
            return new Unit(sandboxId, labels, deadline, nowPaused, endpoints, log);
        }
    }

    public ReferenceExtension(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Round numbers so tests can work costs out by hand: 0.02 cent per vCPU-second, 0.005 cent per GiB-second, 1 cent per hour; paused keeps memory and half the hourly fee. */
    @Override
    public PriceSheet priceSheet() {
        return PRICES;
    }

    @Override
    public Health health() {
        return Health.ok("in memory");
    }

    @Override
    public Provisioned create(ProvisionRequest request, Progress progress) {
        if (request.spec().get("fail") instanceof String reason) {
            throw new ExtensionException.ProvisionFailed("reference create failed: " + reason, "spec asked to fail",
                    null);
        }
        for (String required : List.of(OwnershipLabels.SANDBOX, OwnershipLabels.INSTALLATION)) {
            if (!request.labels().containsKey(required)) {
                throw new ExtensionException.InvalidSpec("labels", "ownership label " + required + " is missing");
            }
        }
        progress.step("recording sandbox in memory");
        Unit unit = units.computeIfAbsent(request.sandboxId(), id -> new Unit(id, request.labels(),
                request.deadline(), false, endpointsFor(request), startupLog(request)));
        return provisioned(unit);
    }

    /**
     * The simulated workload prints its environment when it starts, as many real ones do (secrets included),
     * so the engine's redaction of failure logs is exercised against it.
     */
    private static String startupLog(ProvisionRequest request) {
        StringBuilder log = new StringBuilder("starting with environment:\n");
        new java.util.TreeMap<>(request.env()).forEach((k, v) -> log.append(k).append('=').append(v).append('\n'));
        new java.util.TreeMap<>(request.secrets()).forEach((k, v) -> log.append(k).append('=').append(v.reveal())
                .append('\n'));
        return log.toString();
    }

    private static List<Endpoint> endpointsFor(ProvisionRequest request) {
        List<Endpoint> endpoints = new java.util.ArrayList<>();
        request.ports().forEach(p -> endpoints.add(new Endpoint(p.name(), p.protocol(),
                "http".equals(p.protocol()) ? "http://" + p.hostIp() + ":" + p.hostPort() + "/"
                        : p.hostIp() + ":" + p.hostPort())));
        endpoints.add(new Endpoint("exec", "exec", "sandboxer exec " + request.sandboxId() + " -- CMD"));
        return List.copyOf(endpoints);
    }

    private Provisioned provisioned(Unit unit) {
        return new Provisioned(new BackendRef(ID, unit.sandboxId(), "{\"memory\":true}"), unit.endpoints(), "memory",
                Map.of("isolation", "none (simulated)"), unit.deadline());
    }

    @Override
    public Observation observe(BackendRef ref) {
        Unit unit = units.get(ref.sandboxId());
        if (unit == null) {
            return Observation.gone();
        }
        if (unit.deadline().isPresent() && !clock.instant().isBefore(unit.deadline().get())) {
            return new Observation(Observation.Status.STOPPED, "backend deadline " + unit.deadline().get() + " passed");
        }
        return unit.paused() ? new Observation(Observation.Status.PAUSED, "paused")
                : new Observation(Observation.Status.RUNNING, "running in memory");
    }

    @Override
    public void destroy(BackendRef ref) {
        units.remove(ref.sandboxId());
    }

    @Override
    public List<OwnedResource> listOwned(Owner owner) {
        return units.values().stream()
                .filter(u -> owner.installationId().equals(u.labels().get(OwnershipLabels.INSTALLATION)))
                .map(u -> new OwnedResource("memory-unit", u.sandboxId(), u.labels().get(OwnershipLabels.SANDBOX),
                        u.labels()))
                .toList();
    }

    @Override
    public ExecResult exec(BackendRef ref, ExecRequest request) {
        Unit unit = require(ref);
        if (unit.paused()) {
            return new ExecResult(126, "", "sandbox is paused\n");
        }
        return SimulatedShell.run(request.argv());
    }

    @Override
    public Instant extendDeadline(BackendRef ref, Instant newDeadline) {
        units.computeIfPresent(ref.sandboxId(), (id, unit) -> unit.withDeadline(newDeadline));
        return require(ref).deadline().orElse(newDeadline);
    }

    @Override
    public void pause(BackendRef ref) {
        require(ref);
        units.computeIfPresent(ref.sandboxId(), (id, unit) -> unit.withPaused(true));
    }

    @Override
    public void resume(BackendRef ref) {
        require(ref);
        units.computeIfPresent(ref.sandboxId(), (id, unit) -> unit.withPaused(false));
    }

    @Override
    public Optional<String> logTail(BackendRef ref, int lines) {
        String log = require(ref).log();
        List<String> all = log.lines().toList();
        return Optional.of(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())));
    }

    /** Removes a unit without going through destroy: what an operator deleting it by hand looks like. */
    public void forget(String sandboxId) {
        units.remove(sandboxId);
    }

    private Unit require(BackendRef ref) {
        Unit unit = units.get(ref.sandboxId());
        if (unit == null) {
            throw new ExtensionException.Gone(ref.sandboxId());
        }
        return unit;
    }
}
