package dev.sandboxer.bench;

import dev.sandboxer.core.engine.CreateRequest;
import dev.sandboxer.core.engine.Plan;
import dev.sandboxer.core.engine.PlanSource;
import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.Resources;
import dev.sandboxer.tck.reference.ReferenceExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine over a real SQLite file and the in-memory reference extension, with its plan defined in code
 * (as the engine's own tests do): what is measured is the control plane alone, no backend and no YAML.
 */
public final class ReferenceEngine implements AutoCloseable {
    static final String PROFILE = "bench-ref";
    static final Consumer BENCH = Consumer.parse("agt:bench");
    static final Plan PLAN = new Plan(PROFILE, 1, "digest-" + PROFILE, Map.of(), Optional.of(ReferenceExtension.ID),
            Set.of(Capability.EXEC), Duration.ofMinutes(30), Duration.ofHours(2), new Resources(500, 256L << 20),
            NetworkPolicy.DENY_ALL, List.of(), true, Optional.empty(), Map.of(), List.of(), Map.of(),
            Map.of(ReferenceExtension.ID, Map.of()), Map.of("purpose", "bench"));

    final MovableClock clock;
    final StepTimes steps;
    final JdbcStore store;
    final SandboxEngine engine;

    /** An engine with its own clock and reference extension, untimed. */
    public ReferenceEngine(Path database) {
        this(database, new MovableClock(), null, null);
    }

    /**
     * @param extension the backend, shared when several engines stand for several processes; null for a new
     *                  reference extension
     * @param steps     where to time the store's transactions; null for no timers at all
     */
    ReferenceEngine(Path database, MovableClock clock, Extension extension, StepTimes steps) {
        this(JdbcStore.sqlite(database, clock), clock, extension, steps);
    }

    /** An engine over a store already open (e.g. PostgreSQL), untimed; closing the engine closes the store. */
    ReferenceEngine(JdbcStore store) {
        this(store, new MovableClock(), null, null);
    }

    private ReferenceEngine(JdbcStore store, MovableClock clock, Extension extension, StepTimes steps) {
        this.clock = clock;
        this.steps = steps;
        this.store = store;
        Extension backend = extension != null ? extension : new ReferenceExtension(clock);
        Store timedStore = steps == null ? store : new TimedStore(store, steps);
        // The plan is fixed: what is measured starts after the profile catalog.
        PlanSource plans = (profile, inputs) -> PLAN;
        engine = new SandboxEngine(timedStore, ExtensionRegistry.of(List.of(backend)), plans, reference -> {
            throw new SandboxerException.Invalid("no-secrets", "the benchmark plan has no secrets", "");
        }, clock);
    }

    public Sandbox create(String project) {
        return engine.create(new CreateRequest(PROFILE, Map.of(), project, BENCH, Optional.empty(), Map.of(),
                Optional.empty()), Progress.NONE);
    }

    public Sandbox destroy(String id) {
        return engine.destroy(id, BENCH, "user", Scope.ALL);
    }

    @Override
    public void close() {
        store.close();
    }
}
