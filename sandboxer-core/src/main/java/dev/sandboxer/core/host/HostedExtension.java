package dev.sandboxer.core.host;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionDescriptor;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.ExtensionProvider;
import dev.sandboxer.spi.Health;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.spi.transport.Transport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command-line extension (podman, compose) run on the registered hosts: {@code podman-ssh}, {@code compose-ssh}.
 * Each create is placed first ({@link Hosts#place}: capacity, labels, health, a transactional reservation), then
 * handed to the inner extension built for the chosen host's SSH transport and work root. The host's name travels
 * in the backend state, so every later verb goes to the same host; destroy gives the reservation back.
 *
 * <p>The profile's section may hold {@code placement: {host: NAME, labels: {K: V}, strategy: spread|pack}}; it is
 * taken out before the inner extension sees the spec. A host pinned at create ({@code --host}, the request's
 * {@link ProvisionRequest#placementHost()}) wins over {@code placement.host}; the labels still apply to it, and a
 * pinned host that cannot take the sandbox (unknown, draining, stale, full) refuses with the reason rather than
 * falling back to another.
 */
public final class HostedExtension implements Extension {
    static final String PLACEMENT = "placement";

    private final String id;
    private final ExtensionProvider inner;
    private final Hosts hosts;
    private final HostConnector connector;
    private final Owner owner;
    private final Clock clock;
    private final Map<String, Extension> byHost = new HashMap<>();
    private final Map<String, Transport> transports = new HashMap<>();
    private ExtensionDescriptor descriptor;

    public HostedExtension(String id, ExtensionProvider inner, Hosts hosts, HostConnector connector, Owner owner,
                           Clock clock) {
        this.id = id;
        this.inner = inner;
        this.hosts = hosts;
        this.connector = connector;
        this.owner = owner;
        this.clock = clock;
    }

    @Override
    public synchronized ExtensionDescriptor descriptor() {
        if (descriptor == null) {
            // The inner extension's descriptor does not depend on its transport: ask one built on no host.
            ExtensionDescriptor d = inner.create(new ExtensionContext(owner, new NoHostTransport(), Path.of("/nonexistent"),
                    Map.of(), clock)).descriptor();
            Set<Capability> capabilities = EnumSet.of(Capability.PLACEMENT);
            capabilities.addAll(d.capabilities());
            descriptor = new ExtensionDescriptor(id, d.version(), d.kind(), capabilities,
                    d.description() + ", placed on registered hosts over SSH");
        }
        return descriptor;
    }

    @Override
    public Health health() {
        List<Hosts.View> all = hosts.list();
        long usable = all.stream().filter(v -> !v.stale() && v.host().state() == Host.State.ACTIVE).count();
        if (usable == 0) {
            return Health.unavailable(all.isEmpty() ? "no hosts are registered" : "no active, reachable host",
                    "add one with 'sandboxer hosts add' (docs/hosts.md)");
        }
        return Health.ok(usable + " of " + all.size() + " hosts take sandboxes");
    }

    @Override
    public List<String> validateSpec(Map<String, Object> spec) {
        List<String> problems = new ArrayList<>();
        try {
            placement(spec);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        problems.addAll(blank().validateSpec(withoutPlacement(spec)));
        return problems;
    }

    @Override
    public Provisioned create(ProvisionRequest request, Progress progress) {
        Wanted wanted = placement(request.spec());
        Host.Capacity demand = new Host.Capacity(request.resources().cpuMillis(),
                request.resources().memoryBytes() / (1024 * 1024), 1);
        Optional<String> pin = request.placementHost().or(wanted::host);
        String pinnedBy = request.placementHost().isPresent() ? "--host" : "the profile's placement.host";
        Placement.Decision decision;
        try {
            decision = hosts.place(request.sandboxId(), demand, wanted.labels(), pin, wanted.strategy());
        } catch (SandboxerException.Unavailable e) {
            throw new ExtensionException.Unavailable(pin.isPresent() ? "pinned with " + pinnedBy + ": "
                    + e.getMessage() : e.getMessage(), pin.isPresent() ? "pin another host ('sandboxer hosts list' "
                    + "shows which take sandboxes), or leave the pin out" : e.hint());
        }
        if (pin.isPresent() && decision.reason().startsWith(Placement.PINNED)) {
            decision = new Placement.Decision(decision.host(), "pinned with " + pinnedBy
                    + decision.reason().substring(Placement.PINNED.length()));
        }
        progress.step("placed on host " + decision.host() + " (" + decision.reason() + ")");
        Host host = hosts.inspect(decision.host()).host();
        Provisioned made;
        try {
            made = on(host).create(request.withSpec(withoutPlacement(request.spec())), progress);
        } catch (RuntimeException e) {
            // The inner extension has removed what it made (TCK); what a dropped connection left is found by
            // listOwned on reconcile. Either way the place is no longer held.
            hosts.release(request.sandboxId());
            throw e;
        }
        BackendRef ref = new BackendRef(id, request.sandboxId(), host.name() + "\n" + made.ref().state());
        return new Provisioned(ref, made.endpoints(), "host " + host.name() + " (" + made.location() + "); placement: "
                + decision.reason(), made.isolation(), made.deadline());
    }

    @Override
    public Observation observe(BackendRef ref) {
        return call(ref, (e, r) -> e.observe(r));
    }

    /**
     * Idempotent. A ref without a host (a create that failed or crashed before it answered) is destroyed, by its
     * sandbox id, on the host it was placed on if that is still known, else on every reachable host.
     */
    @Override
    public void destroy(BackendRef ref) {
        if (hostOf(ref).isPresent()) {
            call(ref, (e, r) -> {
                e.destroy(r);
                return null;
            });
        } else {
            BackendRef bare = new BackendRef(ref.extensionId(), ref.sandboxId(), "");
            for (Hosts.View view : hosts.list()) {
                try {
                    on(view.host()).destroy(bare);
                } catch (ExtensionException.Unavailable unreachable) {
                    // what it may hold there is found by listOwned on a later reconcile
                }
            }
        }
        hosts.release(ref.sandboxId());
    }

    private static Optional<String> hostOf(BackendRef ref) {
        String state = ref.state() == null ? "" : ref.state();
        int cut = state.indexOf('\n');
        return cut < 0 ? Optional.empty() : Optional.of(state.substring(0, cut));
    }

    @Override
    public List<OwnedResource> listOwned(Owner who) {
        List<OwnedResource> owned = new ArrayList<>();
        for (Hosts.View view : hosts.list()) {
            try {
                owned.addAll(on(view.host()).listOwned(who));
            } catch (ExtensionException.Unavailable unreachable) {
                // an unreachable host is looked at again on the next reconcile
            }
        }
        return owned;
    }

    @Override
    public ExecResult exec(BackendRef ref, ExecRequest request) {
        return call(ref, (e, r) -> e.exec(r, request));
    }

    @Override
    public Instant extendDeadline(BackendRef ref, Instant newDeadline) {
        return call(ref, (e, r) -> e.extendDeadline(r, newDeadline));
    }

    @Override
    public void pause(BackendRef ref) {
        call(ref, (e, r) -> {
            e.pause(r);
            return null;
        });
    }

    @Override
    public void resume(BackendRef ref) {
        call(ref, (e, r) -> {
            e.resume(r);
            return null;
        });
    }

    @Override
    public Optional<String> logTail(BackendRef ref, int lines) {
        return call(ref, (e, r) -> e.logTail(r, lines));
    }

    @Override
    public synchronized void close() {
        byHost.values().forEach(Extension::close);
        transports.values().forEach(t -> {
            if (t instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing on the way out
                }
            }
        });
        byHost.clear();
        transports.clear();
    }

    private interface Verb<T> {
        T apply(Extension extension, BackendRef ref);
    }

    private <T> T call(BackendRef ref, Verb<T> verb) {
        String state = ref.state() == null ? "" : ref.state();
        int cut = state.indexOf('\n');
        if (cut < 0) {
            throw new ExtensionException.BackendFailure("backend state of " + ref.sandboxId() + " names no host", null);
        }
        String hostName = state.substring(0, cut);
        Host host;
        try {
            host = hosts.inspect(hostName).host();
        } catch (SandboxerException.NotFound gone) {
            throw new ExtensionException.Unavailable("host " + hostName + " of sandbox " + ref.sandboxId()
                    + " is no longer registered", "add it again to reach its sandboxes");
        }
        return verb.apply(on(host), new BackendRef(ref.extensionId(), ref.sandboxId(), state.substring(cut + 1)));
    }

    /** The inner extension for a host, built once on its pinned SSH transport and work root. */
    private synchronized Extension on(Host host) {
        return byHost.computeIfAbsent(host.name(), name -> {
            Transport transport = transports.computeIfAbsent(name, n -> connector.connect(host));
            return inner.create(new ExtensionContext(owner, transport, Path.of(host.workRoot(), id), Map.of(), clock));
        });
    }

    private Extension blank() {
        return inner.create(new ExtensionContext(owner, new NoHostTransport(), Path.of("/nonexistent"), Map.of(), clock));
    }

    record Wanted(Optional<String> host, Map<String, String> labels, Placement.Strategy strategy) {
    }

    static Wanted placement(Map<String, Object> spec) {
        Object raw = spec.get(PLACEMENT);
        if (raw == null) {
            return new Wanted(Optional.empty(), Map.of(), Placement.Strategy.SPREAD);
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("placement must be a map of host, labels and strategy");
        }
        for (Object key : map.keySet()) {
            if (!List.of("host", "labels", "strategy").contains(String.valueOf(key))) {
                throw new IllegalArgumentException("placement." + key + " is not a placement setting (host, labels, "
                        + "strategy)");
            }
        }
        Optional<String> host = Optional.ofNullable(map.get("host")).map(String::valueOf).map(Host::requireName);
        Map<String, String> labels = new LinkedHashMap<>();
        if (map.get("labels") instanceof Map<?, ?> wanted) {
            wanted.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        } else if (map.get("labels") != null) {
            throw new IllegalArgumentException("placement.labels must be a map of label to value");
        }
        Object chosen = map.get("strategy");
        String strategy = (chosen == null ? "spread" : String.valueOf(chosen)).toUpperCase(Locale.ROOT);
        if (!List.of("SPREAD", "PACK").contains(strategy)) {
            throw new IllegalArgumentException("placement.strategy must be spread or pack");
        }
        return new Wanted(host, labels, Placement.Strategy.valueOf(strategy));
    }

    static Map<String, Object> withoutPlacement(Map<String, Object> spec) {
        Map<String, Object> rest = new LinkedHashMap<>(spec);
        rest.remove(PLACEMENT);
        return rest;
    }
}
