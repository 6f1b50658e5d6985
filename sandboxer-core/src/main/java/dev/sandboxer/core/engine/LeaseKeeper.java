package dev.sandboxer.core.engine;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Enforces the control plane's half of "time limits are enforced twice" (DESIGN §6), safely from several
 * replicas at once. A sandbox's lease is its durable {@code expires_at}; each replica's keeper, on every
 * {@link #tick}:
 * <ol>
 *   <li>says it is alive (its heartbeat), so operations it runs are taken over soon after it dies;</li>
 *   <li>emits one {@code expiring} event per sandbox and expiry, {@code warning} ahead of it (a row in
 *       {@code lease_warnings} makes it exactly one across replicas);</li>
 *   <li>destroys the sandboxes whose lease is up, with reason {@code ttl}. The claim is the move to
 *       {@code destroying} in one serialised write transaction, so a sandbox is reaped exactly once whichever
 *       replica gets there first; the others find it claimed and pass.</li>
 * </ol>
 * Extending moves {@code expires_at}, so it moves the lease; nothing else has to be rescheduled.
 */
public final class LeaseKeeper {
    private static final Set<SandboxState> WARNED = Set.of(SandboxState.READY, SandboxState.PAUSED);

    private final SandboxEngine engine;
    private final Store store;
    private final Clock clock;
    private final Journal journal;
    private final Settings settings;

    /**
     * @param runnerId  this process, as other replicas see it
     * @param warning   how long before expiry the {@code expiring} event is emitted
     * @param deadAfter a replica silent this long is taken to have died (several ticks; the same on all)
     */
    public record Settings(String runnerId, Duration warning, Duration deadAfter) {
        public Settings {
            if (warning.isNegative() || !deadAfter.isPositive()) {
                throw new IllegalArgumentException("warning must be >= 0 and deadAfter > 0");
            }
        }

        public static Settings defaults() {
            return new Settings(Ids.runner(), Duration.ofMinutes(1), InFlight.RUNNER_DEAD_AFTER);
        }

        public Settings withTiming(Duration newWarning, Duration newDeadAfter) {
            return new Settings(runnerId, newWarning, newDeadAfter);
        }
    }

    /** What one tick did. */
    public record Tick(List<String> warned, List<String> reaped) {
        public Tick {
            warned = List.copyOf(warned);
            reaped = List.copyOf(reaped);
        }
    }

    LeaseKeeper(SandboxEngine engine, Store store, Clock clock, Journal journal, InFlight inFlight,
                Settings settings) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.journal = journal;
        this.settings = settings;
        journal.runAs(settings.runnerId());
        inFlight.runnerDeadAfter(settings.deadAfter());
        heartbeat();
    }

    public Settings settings() {
        return settings;
    }

    /** Says this replica is alive; call more often than {@code deadAfter} (the tick does). */
    public void heartbeat() {
        store.write(s -> {
            s.heartbeat(settings.runnerId(), clock.instant());
            return null;
        });
    }

    public Tick tick(Consumer initiator) {
        heartbeat();
        List<String> warned = warnExpiring(initiator);
        List<String> reaped = engine.reapExpired(initiator).stream().map(Sandbox::id).toList();
        return new Tick(warned, reaped);
    }

    private List<String> warnExpiring(Consumer initiator) {
        Instant now = clock.instant();
        List<Sandbox> soon = store.read(s -> s.expiringBefore(WARNED, now.plus(settings.warning()), 1000));
        List<String> warned = new ArrayList<>();
        for (Sandbox sandbox : soon) {
            if (!sandbox.expiresAt().isAfter(now)) {
                continue;
            }
            boolean emitted = store.write(s -> {
                Optional<Sandbox> current = s.findSandbox(sandbox.id());
                if (current.isEmpty() || !WARNED.contains(current.get().state())
                        || !current.get().expiresAt().equals(sandbox.expiresAt())
                        || !s.markWarned(sandbox.id(), sandbox.expiresAt())) {
                    return false;
                }
                // An event needs an operation to name; the warning is a momentary one, ended at once.
                Operation op = journal.begin(s, current.get(), Verb.OBSERVE, "ttl", initiator);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("expiresAt", sandbox.expiresAt().toString());
                data.put("in", Duration.between(now, sandbox.expiresAt()).toSeconds() + "s");
                journal.emit(s, current.get(), "expiring", op, data);
                journal.succeed(s, op, current.get().state());
                return true;
            });
            if (emitted) {
                warned.add(sandbox.id());
            }
        }
        return warned;
    }
}
