package dev.sandboxer.bench;

import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Figure 7: 50 podman creates (health-probe-like, as shipped) one after another, then 50 at once from 50
 * threads on one engine; every one must end ready. All are destroyed (untimed) after each side.
 */
final class ParallelCreateFigure implements Figure {

    @Override
    public FigureResult run(RunSettings settings) throws Exception {
        int count = settings.count(50, 10);
        try (PodmanEngine engine = new PodmanEngine(settings.dir("parallel"), Map.of(), settings)) {
            engine.destroy(engine.create(BenchProfiles.PROBE).id());
            Samples sequential = new Samples();
            List<String> made = new ArrayList<>();
            long seqStart = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                made.add(engine.create(BenchProfiles.PROBE).id());
                sequential.addNanos(System.nanoTime() - start);
            }
            double seqSeconds = (System.nanoTime() - seqStart) / 1e9;
            destroyAll(engine, made);

            Samples concurrent = new Samples();
            List<String> failures = new ArrayList<>();
            made.clear();
            ExecutorService pool = Executors.newFixedThreadPool(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Sandbox>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    Sandbox sandbox = engine.create(BenchProfiles.PROBE);
                    concurrent.addNanos(System.nanoTime() - start);
                    return sandbox;
                }));
            }
            long parStart = System.nanoTime();
            go.countDown();
            int ready = 0;
            for (Future<Sandbox> f : futures) {
                try {
                    Sandbox sandbox = f.get();
                    made.add(sandbox.id());
                    ready += sandbox.state() == SandboxState.READY ? 1 : 0;
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
            double parSeconds = (System.nanoTime() - parStart) / 1e9;
            pool.shutdown();
            destroyAll(engine, made);
            int left = engine.sweep();
            double speedUp = seqSeconds / parSeconds;
            Samples seqWall = new Samples();
            seqWall.addMillis(seqSeconds * 1000);
            Samples parWall = new Samples();
            parWall.addMillis(parSeconds * 1000);
            FigureResult result = new FigureResult("parallel-creates", "parallel creates (podman)")
                    .how(count + " engine creates of bench-probe (health-probe without readiness, as shipped) one after "
                            + "another, then " + count + " at once from " + count + " threads on one engine (one "
                            + "SQLite store); each side's sandboxes destroyed untimed afterwards")
                    .side("sequential, per create", sequential).side("concurrent, per create", concurrent)
                    .side("sequential, wall", seqWall).side("concurrent, wall", parWall)
                    .value("speed_up", speedUp).value("ready", ready).value("failed", failures.size())
                    .measured(String.format("%d/%d ready; sequential %.1f s, concurrent %.1f s: **%.2f× speed-up**",
                            ready, count, seqSeconds, parSeconds, speedUp))
                    .target("all succeed; report speed-up", ready == count && failures.isEmpty());
            failures.forEach(f -> result.note("failed: " + f));
            result.note("podman resources left after the figure: " + left);
            return result;
        }
    }

    /** Destroys in parallel (untimed) so cleanup doesn't dominate the figure's run time. */
    private static void destroyAll(PodmanEngine engine, List<String> ids) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (String id : ids) {
            done.add(pool.submit(() -> engine.destroy(id)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
