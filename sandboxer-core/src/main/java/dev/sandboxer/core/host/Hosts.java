package dev.sandboxer.core.host;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.HostSample;
import dev.sandboxer.core.store.HostTable;
import dev.sandboxer.core.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host registry and placement. Every decision that depends on what others hold is made inside one store write
 * transaction (SQLite: BEGIN IMMEDIATE, one writer at a time), so concurrent creates never over-commit a host.
 */
public final class Hosts {
    /** Telemetry samples kept per host. */
    public static final int HISTORY = 120;
    private static final String LIST_HINT = "run 'sandboxer hosts list' to see the registered hosts";

    private final Store store;

    public Hosts(Store store) {
        this.store = store;
    }

    /** A host with what live sandboxes hold there and its latest telemetry. */
    public record View(Host host, Host.Capacity reserved, List<String> sandboxes, Optional<HostSample> latest) {
        public boolean stale() {
            return latest.isPresent() && !latest.get().reachable();
        }

        public Host.Capacity free() {
            return host.capacity().minus(reserved);
        }
    }

    public Host add(Host host) {
        boolean added = store.write(s -> s.hosts().insert(host));
        if (!added) {
            throw new SandboxerException.Conflict("host-exists", "host " + host.name() + " is already registered",
                    "remove it first, or add it under another name");
        }
        return host;
    }

    public List<View> list() {
        return store.read(s -> s.hosts().all().stream().map(h -> view(s.hosts(), h)).toList());
    }

    public View inspect(String name) {
        return store.read(s -> s.hosts().find(name).map(h -> view(s.hosts(), h)))
                .orElseThrow(() -> notFound(name));
    }

    public List<HostSample> history(String name, int limit) {
        return store.read(s -> s.hosts().samples(name, limit));
    }

    private static View view(HostTable table, Host host) {
        return new View(host, table.reserved(host.name()), table.reservations(host.name()),
                table.samples(host.name(), 1).stream().findFirst());
    }

    /** Stops new placements on the host; its sandboxes stay. Idempotent. */
    public Host drain(String name) {
        return setState(name, Host.State.DRAINING);
    }

    /** Takes new placements again. Idempotent. */
    public Host activate(String name) {
        return setState(name, Host.State.ACTIVE);
    }

    private Host setState(String name, Host.State state) {
        return store.write(s -> {
            Host host = s.hosts().find(name).orElseThrow(() -> notFound(name));
            s.hosts().updateState(name, state);
            return host.withState(state);
        });
    }

    /** Removes the host from the registry; refused while sandboxes hold a place there. */
    public void remove(String name) {
        store.write(s -> {
            s.hosts().find(name).orElseThrow(() -> notFound(name));
            List<String> live = s.hosts().reservations(name);
            if (!live.isEmpty()) {
                throw new SandboxerException.Conflict("host-in-use", "host " + name + " still has " + live.size()
                        + " sandbox(es): " + String.join(", ", live.subList(0, Math.min(5, live.size())))
                        + (live.size() > 5 ? ", ..." : ""), "drain it ('sandboxer hosts drain " + name
                        + "'), destroy or let its sandboxes expire, then remove it");
            }
            s.hosts().delete(name);
            return null;
        });
    }

    /**
     * Chooses a host for the sandbox and reserves the demand there, atomically. Placing a sandbox that already
     * holds a place answers that place again (a retried create).
     */
    public Placement.Decision place(String sandboxId, Host.Capacity demand, Map<String, String> labels,
                                    Optional<String> pin, Placement.Strategy strategy) {
        return store.write(s -> {
            HostTable table = s.hosts();
            Optional<String> held = table.hostOf(sandboxId);
            if (held.isPresent()) {
                return new Placement.Decision(held.get(), "already placed on " + held.get());
            }
            List<Placement.Candidate> candidates = table.all().stream().map(h -> new Placement.Candidate(h,
                    table.reserved(h.name()), table.samples(h.name(), 1).stream().anyMatch(x -> !x.reachable())))
                    .toList();
            Placement.Decision decision;
            try {
                decision = Placement.choose(candidates, demand, labels, pin, strategy);
            } catch (Placement.NoHost e) {
                throw new SandboxerException.Unavailable(e.getMessage(),
                        "add capacity ('sandboxer hosts add'), wait for sandboxes to end, or relax the constraints");
            }
            table.reserve(sandboxId, decision.host(), demand);
            return decision;
        });
    }

    /** Gives back the sandbox's place (it ended, failed or was never made). Idempotent. */
    public boolean release(String sandboxId) {
        return store.write(s -> s.hosts().release(sandboxId));
    }

    public void record(HostSample sample) {
        store.write(s -> {
            if (s.hosts().find(sample.host()).isPresent()) {
                s.hosts().appendSample(sample, HISTORY);
            }
            return null;
        });
    }

    private static SandboxerException notFound(String name) {
        return new SandboxerException.NotFound("host " + name, LIST_HINT);
    }
}
