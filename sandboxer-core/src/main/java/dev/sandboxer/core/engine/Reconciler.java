package dev.sandboxer.core.engine;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.Health;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the store and the backends agree (DESIGN §3: "restart + reconcile must leave no leaked resource and a
 * true record"). Each extension's {@code listOwned} is compared with the records:
 * <ul>
 *   <li>an <b>orphan</b> (resources with our labels whose sandbox has no record, or a record that is not live
 *       and has no operation in flight) is destroyed by label;</li>
 *   <li>a <b>lost</b> sandbox (ready or paused, but the backend lists nothing and {@code observe} says gone)
 *       becomes {@code lost}, with an operation and an event;</li>
 *   <li>a live sandbox whose observation changed (e.g. its backend deadline stopped it) gets the new one.</li>
 * </ul>
 * Safe against a create running in another process: intent is committed before the backend call, so a
 * resource that {@code listOwned} returns always has a live record by the time it is looked up here; and a
 * sandbox is only called lost after {@code observe} confirms it, not from a listing taken before it existed.
 */
final class Reconciler {
    private static final Set<SandboxState> OBSERVABLE = Set.of(SandboxState.READY, SandboxState.PAUSED);
    /** States only an operation in flight should be in: with none alive, its process died there. */
    private static final Set<SandboxState> TRANSIENT = Set.of(SandboxState.REQUESTED, SandboxState.PROVISIONING,
            SandboxState.DESTROYING);

    private final SandboxEngine engine;
    private final Store store;
    private final Clock clock;
    private final Journal journal;
    private final InFlight inFlight;

    Reconciler(SandboxEngine engine, Store store, Clock clock, Journal journal, InFlight inFlight) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.journal = journal;
        this.inFlight = inFlight;
    }

    Reconciliation reconcile(Consumer initiator, boolean dryRun) {
        List<Reconciliation.Orphan> orphans = new ArrayList<>();
        List<Reconciliation.Lost> lost = new ArrayList<>();
        List<Reconciliation.Observed> observed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Reconciliation.Abandoned> abandoned = finishAbandoned(initiator, dryRun, problems);
        Owner owner = new Owner(store.installationId());
        List<Sandbox> live = liveRecords();
        Set<String> judged = new java.util.HashSet<>();
        for (Extension extension : engine.extensions().all()) {
            String id = extension.descriptor().id();
            Health health = extension.health();
            if (!health.available()) {
                problems.add("extension " + id + " skipped: " + health.detail());
                continue;
            }
            Map<String, List<OwnedResource>> owned;
            try {
                owned = extension.listOwned(owner).stream().collect(Collectors.groupingBy(OwnedResource::sandboxId,
                        LinkedHashMap::new, Collectors.toList()));
            } catch (RuntimeException e) {
                problems.add("extension " + id + " could not list its resources: " + e.getMessage());
                continue;
            }
            for (var entry : owned.entrySet()) {
                // Extensions on one backend (podman and compose share a podman) may each list the same
                // resources: one sandbox is judged, and removed, once.
                if (judged.add(entry.getKey())) {
                    orphan(extension, entry.getKey(), entry.getValue(), dryRun, problems).ifPresent(orphans::add);
                }
            }
            for (Sandbox sandbox : live) {
                if (!sandbox.routing().extensionId().equals(id)) {
                    continue;
                }
                check(extension, sandbox, owned.containsKey(sandbox.id()), initiator, dryRun, lost, observed,
                        problems);
            }
        }
        return new Reconciliation(dryRun, abandoned, orphans, lost, observed, problems);
    }

    /**
     * Sandboxes a dead process left in the middle of a create or destroy (its operation still "running", but
     * its replica stopped heartbeating, or it has run longer than any can): destroyed now, by label, so
     * nothing it made is left and the record ends true (the operation interrupted, then a destroy).
     */
    private List<Reconciliation.Abandoned> finishAbandoned(Consumer initiator, boolean dryRun,
                                                           List<String> problems) {
        SandboxFilter filter = new SandboxFilter(Set.of(), Optional.empty(), TRANSIENT, Optional.empty(), Map.of());
        List<Reconciliation.Abandoned> found = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        List<Sandbox> stuck = new ArrayList<>();
        do {
            Page<Sandbox> page = engine.list(filter, Scope.ALL, cursor, 500);
            stuck.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        for (Sandbox sandbox : stuck) {
            Optional<Operation> running = store.read(s -> inFlight.active(s, sandbox.id()).isPresent()
                    ? Optional.<Operation>empty()
                    : s.operations(sandbox.id()).stream().filter(o -> o.status() == OperationStatus.RUNNING)
                            .reduce((a, b) -> b));
            if (running.isEmpty()) {
                continue;
            }
            found.add(new Reconciliation.Abandoned(sandbox.id(), sandbox.state().id(), running.get().verb().id()));
            if (!dryRun) {
                try {
                    engine.destroyIfLive(sandbox.id(), initiator, "reconcile", Scope.ALL);
                } catch (RuntimeException e) {
                    problems.add("abandoned " + sandbox.id() + " could not be finished: " + e.getMessage());
                }
            }
        }
        return found;
    }

    private List<Sandbox> liveRecords() {
        SandboxFilter filter = new SandboxFilter(Set.of(), Optional.empty(), OBSERVABLE, Optional.empty(), Map.of());
        List<Sandbox> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Sandbox> page = engine.list(filter, Scope.ALL, cursor, 500);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return all;
    }

    private Optional<Reconciliation.Orphan> orphan(Extension extension, String sandboxId,
                                                   List<OwnedResource> resources, boolean dryRun,
                                                   List<String> problems) {
        String extensionId = extension.descriptor().id();
        // Read after listOwned: a create in flight has committed its live record before making anything.
        var found = store.read(s -> s.findSandbox(sandboxId).map(sb -> Map.entry(sb,
                inFlight.active(s, sandboxId).isPresent())));
        if (found.isPresent()) {
            Sandbox sandbox = found.get().getKey();
            boolean busy = found.get().getValue();
            // Live under whichever extension made it: not an orphan, even if another extension lists it.
            if (sandbox.state().isLive() || busy) {
                return Optional.empty();
            }
        }
        String record = found.map(f -> f.getKey().state().id()).orElse("none");
        var orphan = new Reconciliation.Orphan(extensionId, sandboxId, record,
                resources.stream().map(r -> r.kind() + " " + r.id()).toList());
        if (!dryRun) {
            String state = found.flatMap(f -> f.getKey().backendState()).orElse("");
            // Removed by the extension that made it when there is a record, so its own cleanup runs.
            Extension remover = found.flatMap(f -> engine.extensions().find(f.getKey().routing().extensionId()))
                    .orElse(extension);
            try {
                remover.destroy(new BackendRef(remover.descriptor().id(), sandboxId, state));
            } catch (RuntimeException e) {
                problems.add("orphan " + sandboxId + " on " + extensionId + " could not be removed: "
                        + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(orphan);
    }

    private void check(Extension extension, Sandbox sandbox, boolean listed, Consumer initiator, boolean dryRun,
                       List<Reconciliation.Lost> lost, List<Reconciliation.Observed> observed,
                       List<String> problems) {
        Observation now;
        try {
            now = extension.observe(SandboxEngine.ref(sandbox));
        } catch (RuntimeException e) {
            problems.add("sandbox " + sandbox.id() + " could not be observed: " + e.getMessage());
            return;
        }
        if (now.status() == Observation.Status.UNKNOWN) {
            return;
        }
        if (!listed && now.status() == Observation.Status.GONE) {
            lost.add(new Reconciliation.Lost(extension.descriptor().id(), sandbox.id(), now.detail()));
            if (!dryRun) {
                markLost(sandbox, now, initiator);
            }
            return;
        }
        String status = now.status().name().toLowerCase(java.util.Locale.ROOT);
        boolean changed = sandbox.observed().map(o -> !o.status().equals(status) || !o.detail().equals(now.detail()))
                .orElse(true);
        if (changed) {
            observed.add(new Reconciliation.Observed(sandbox.id(), status, now.detail()));
            if (!dryRun) {
                store.write(s -> s.findSandbox(sandbox.id()).filter(c -> OBSERVABLE.contains(c.state()))
                        .map(c -> s.updateSandbox(c.withObserved(new Sandbox.Observed(status, now.detail(),
                                clock.instant()), clock.instant()))));
            }
        }
    }

    /** In one transaction, and only if nothing changed the sandbox meanwhile (a destroy, a recreate). */
    private void markLost(Sandbox seen, Observation now, Consumer initiator) {
        store.write(s -> {
            Sandbox current = s.findSandbox(seen.id()).orElseThrow();
            if (current.version() != seen.version() || inFlight.active(s, seen.id()).isPresent()) {
                return null;
            }
            Operation op = journal.begin(s, current, Verb.OBSERVE, "reconcile", initiator);
            Sandbox lost = current.withState(SandboxState.LOST, clock.instant())
                    .withObserved(new Sandbox.Observed("gone", now.detail(), clock.instant()), clock.instant());
            journal.transition(s, current, lost, op, Map.of("detail", now.detail()));
            journal.succeed(s, op, SandboxState.LOST);
            return null;
        });
    }
}
