package dev.sandboxer.bench;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.spi.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills a store with sandbox records fast: straight {@code insertSandbox} calls, 10,000 per transaction. The
 * records look like the reference extension's after a create: 10 projects, 3 consumers, labels, one endpoint,
 * one in ten destroyed, created a second apart so the listing order is the insertion order reversed.
 */
final class StoreSeeder {
    private static final int BATCH = 10_000;
    private static final List<Consumer> CONSUMERS = List.of(Consumer.parse("agt:alpha"), Consumer.parse("atm:ci"),
            Consumer.parse("adm:ops"));

    private StoreSeeder() {
    }

    /** A listing-like mix: one in ten destroyed, created a second apart. @return the ids, oldest first */
    static List<String> seed(Store store, int count, Instant newest) {
        return seed(store, count, newest, Duration.ofSeconds(1), true);
    }

    /**
     * @param spacing       between two sandboxes' creation times
     * @param someDestroyed whether one in ten is destroyed, or all are ready
     * @return the ids, oldest first
     */
    static List<String> seed(Store store, int count, Instant newest, Duration spacing, boolean someDestroyed) {
        List<String> ids = new ArrayList<>(count);
        for (int from = 0; from < count; from += BATCH) {
            int start = from;
            int end = Math.min(count, from + BATCH);
            store.write(session -> {
                for (int i = start; i < end; i++) {
                    Sandbox s = record(i, newest.minus(spacing.multipliedBy(count - i)), someDestroyed);
                    session.insertSandbox(s);
                    ids.add(s.id());
                }
                return null;
            });
        }
        return ids;
    }

    static Sandbox record(int i, Instant created, boolean someDestroyed) {
        String id = String.format("sb-seed%07d", i);
        SandboxState state = someDestroyed && i % 10 == 0 ? SandboxState.DESTROYED : SandboxState.READY;
        return new Sandbox(id, "project-" + (i % 10), CONSUMERS.get(i % CONSUMERS.size()),
                new Sandbox.ProfileUse(ReferenceEngine.PROFILE, 1, "digest-" + ReferenceEngine.PROFILE,
                        Map.of("greeting", "hello")),
                new Sandbox.Routing("reference", "1.0.0", "pinned by profile"),
                Optional.of("memory"), state, Map.of("purpose", "bench", "ticket", "T-" + (i % 1000)),
                created, created, created.plus(Duration.ofMinutes(30)), created.plus(Duration.ofHours(2)),
                Optional.of(created.plus(Duration.ofMinutes(30))), Optional.of("{\"memory\":true}"),
                List.of(new Endpoint("exec", "exec", "sandboxer exec " + id + " -- CMD")),
                Map.of("isolation", "none (simulated)"),
                new Sandbox.ResourceUse(500, 256L << 20, "deny", List.of()),
                Optional.empty(), Optional.empty(), Optional.empty(), "hash-" + i, 1);
    }
}
