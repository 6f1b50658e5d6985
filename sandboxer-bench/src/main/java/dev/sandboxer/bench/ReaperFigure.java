package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Resources;
import dev.sandboxer.tck.reference.ReferenceExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 6: 10,000 sandboxes (reference extension) whose leases all expire at one instant of a moved clock,
 * reaped by {@code engine.reapExpired}: first one reaper, then two at once over one store file and one backend
 * (two control-plane processes running {@code sandboxer reap} together). Destroys are counted per sandbox
 * twice over: at the backend (calls to the extension's destroy) and in the record (destroy operations).
 */
final class ReaperFigure implements Figure {
    private static final Consumer REAPER = Consumer.parse("atm:reaper");

    @Override
    public FigureResult run(RunSettings settings) throws Exception {
        int count = settings.count(10_000, 1_000);
        // Two reapers at once check "none twice" under contention; fewer sandboxes keep the run short.
        int contended = settings.count(2_000, 500);
        Path dir = settings.dir("reaper");
        Outcome one = reap(dir.resolve("one.db"), count, 1);
        Outcome two = reap(dir.resolve("two.db"), contended, 2);
        boolean pass = one.allReaped(count) && one.seconds <= 60 && one.twice() == 0
                && two.allReaped(contended) && two.twice() == 0;
        Samples oneSide = new Samples();
        oneSide.addMillis(one.seconds * 1000);
        Samples twoSide = new Samples();
        twoSide.addMillis(two.seconds * 1000);
        FigureResult result = new FigureResult("reaper", "reaper: 10,000 leases expiring at once")
                .how(String.format("%,d ready sandboxes (reference extension) seeded straight into the store and the "
                        + "backend, leases ending within 10 s of each other; clock moved 31 min, then "
                        + "engine.reapExpired: one reaper; then a fresh store of %,d with two reapers at once (two "
                        + "engines on one SQLite file, one backend: two processes running `sandboxer reap`)", count,
                        contended))
                .side("one reaper (wall ms)", oneSide).side("two reapers at once (wall ms)", twoSide)
                .measured(String.format("one reaper: %,d reaped in %.1f s (%.0f/s), %d destroyed twice; two at once: "
                        + "%,d reaped in %.1f s, %d destroyed twice%s", one.destroyed, one.seconds,
                        one.destroyed / one.seconds, one.twice(), two.destroyed, two.seconds, two.twice(),
                        two.errors.isEmpty() ? "" : ", " + two.errors.size() + " reaper error(s)"))
                .target("all reaped ≤ 60 s, none twice", pass);
        result.json().set("one_reaper", one.json());
        result.json().set("two_reapers", two.json());
        return result;
    }

    private static Outcome reap(Path db, int count, int reapers) throws Exception {
        MovableClock clock = new MovableClock();
        StepTimes steps = new StepTimes();
        TimedExtension backend = new TimedExtension(new ReferenceExtension(clock), steps);
        List<ReferenceEngine> engines = new ArrayList<>();
        for (int i = 0; i < reapers; i++) {
            engines.add(new ReferenceEngine(db, clock, backend, steps));
        }
        try {
            long seedStart = System.nanoTime();
            seed(engines.getFirst(), backend, count);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            steps.take();
            clock.advance(Duration.ofMinutes(31));
            List<String> errors = new ArrayList<>();
            AtomicInteger reaped = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(reapers);
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (ReferenceEngine engine : engines) {
                running.add(pool.submit(() -> reaped.addAndGet(engine.engine.reapExpired(REAPER).size())));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // A reaper that stops half-way is a finding, not a crash of the benchmark.
                    errors.add(e.getCause().toString());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long live = engines.getFirst().store.read(s -> s.countSandboxes(new SandboxFilter(Set.of(),
                    Optional.empty(), Set.of(SandboxState.READY, SandboxState.PAUSED, SandboxState.DESTROYING,
                    SandboxState.FAILED, SandboxState.LOST), Optional.empty(), Map.of())));
            long backendTwice = backend.destroys().values().stream().filter(n -> n.get() > 1).count();
            return new Outcome(reapers, seedSeconds, seconds, reaped.get(), backend.destroys().size(), live,
                    backendTwice, destroyOpsTwice(db), errors, steps.totals());
        } finally {
            engines.forEach(ReferenceEngine::close);
        }
    }

    /**
     * Seeds ready records straight into the store and their units into the backend: creating 10,000 through the
     * engine would take minutes here (see the throughput figure), and the reaper only needs them to exist.
     * Created a millisecond apart, so every lease ends within ten seconds of the others.
     */
    private static void seed(ReferenceEngine engine, TimedExtension backend, int count) {
        List<String> ids = StoreSeeder.seed(engine.store, count, engine.clock.instant(), Duration.ofMillis(1), false);
        for (String id : ids) {
            backend.create(new ProvisionRequest(id, OwnershipLabels.of(id, new Owner(engine.store.installationId()),
                    engine.clock.instant().plus(Duration.ofMinutes(30))), Optional.empty(), new Resources(500, 256L << 20),
                    NetworkPolicy.DENY_ALL, List.of(), Map.of(), Map.of(), List.of(), Map.of()), Progress.NONE);
        }
    }

    private static long destroyOpsTwice(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             ResultSet rs = c.createStatement().executeQuery("select count(*) from (select sandbox_id from operations"
                     + " where verb = 'destroy' group by sandbox_id having count(*) > 1)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What one reaping did. */
    record Outcome(int reapers, double seedSeconds, double seconds, int returned, int destroyed, long stillLive,
                   long backendTwice, long operationsTwice, List<String> errors, ObjectNode steps) {
        boolean allReaped(int count) {
            return destroyed == count && stillLive == 0;
        }

        long twice() {
            return Math.max(backendTwice, operationsTwice);
        }

        ObjectNode json() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("reapers", reapers);
            node.put("seed_seconds", Samples.round(seedSeconds));
            node.put("reap_seconds", Samples.round(seconds));
            node.put("returned_by_reapExpired", returned);
            node.put("sandboxes_destroyed_at_backend", destroyed);
            node.put("still_live_after", stillLive);
            node.put("destroyed_twice_at_backend", backendTwice);
            node.put("sandboxes_with_two_destroy_operations", operationsTwice);
            errors.forEach(e -> node.withArray("reaper_errors").add(e));
            node.set("where the time goes (totals over the reap, all reapers)", steps);
            return node;
        }
    }
}
