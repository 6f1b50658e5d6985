package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxer.core.model.Sandbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Figure 4: create + destroy per second through the engine with the reference extension, by JMH (one fork,
 * one thread). Then, in this JVM, a timed loop with the store's transactions timed, a JFR profile of the same
 * loop, the same loop while an idle connection holds the database open, and what one write transaction costs
 * on this disk, to say where the time goes.
 */
final class ThroughputFigure implements Figure {
    private static final double TARGET = 1000;

    @Override
    public FigureResult run(RunSettings settings) throws Exception {
        Path dir = settings.dir("throughput");
        Options options = new OptionsBuilder()
                .include(EngineThroughputBenchmark.class.getName())
                .forks(1).threads(1)
                .warmupIterations(settings.count(2, 1)).warmupTime(TimeValue.seconds(settings.count(5, 2)))
                .measurementIterations(settings.count(3, 2)).measurementTime(TimeValue.seconds(settings.count(5, 3)))
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + dir)
                .output(dir.resolve("jmh.log").toString())
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        RunResult run = results.iterator().next();
        double score = run.getPrimaryResult().getScore();
        List<Double> iterations = new ArrayList<>();
        for (var benchmark : run.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                iterations.add(Samples.round(iteration.getPrimaryResult().getScore()));
            }
        }
        BenchmarkParams params = run.getParams();
        FigureResult result = new FigureResult("engine-throughput", "engine throughput")
                .how("JMH " + params.getJmhVersion() + ", " + params.getForks() + " fork, " + params.getThreads()
                        + " thread, " + params.getWarmup().getCount() + "×" + params.getWarmup().getTime() + " warm-up, "
                        + params.getMeasurement().getCount() + "×" + params.getMeasurement().getTime()
                        + " measured; op = engine.create + engine.destroy, reference extension, SQLite file store "
                        + "(one sample per measured iteration, in ops/s)")
                .value("ops_per_s", score)
                .value("ops_per_s_error", run.getPrimaryResult().getScoreError())
                .measured(String.format("**%.0f** sandboxes/s (create+destroy, 1 thread; the API's figure is its own row)",
                        score))
                .target("≥ 1,000/s engine", score >= TARGET);
        iterations.forEach(result.json().putArray("jmh_iterations_ops_per_s")::add);
        breakdown(settings, dir, result);
        return result;
    }

    /**
     * Per operation: the store's transactions and the rest of the engine; a JFR profile; the same loop while a
     * connection holds the database open; one transaction's price on this disk. Loops are time-boxed: at a few
     * dozen operations a second, counted loops would not fit the run.
     */
    private static void breakdown(RunSettings settings, Path dir, FigureResult result) throws Exception {
        StepTimes steps = new StepTimes();
        long millis = settings.count(4_000, 1_500);
        try (ReferenceEngine engine = new ReferenceEngine(dir.resolve("breakdown.db"), new MovableClock(), null,
                steps)) {
            loop(engine, 2_000, false);
            steps.take();
            loop(engine, millis, true);
            result.breakdown().set("per create+destroy (timed loop, median per op)", steps.summary());
            ObjectNode profile = HotMethods.profile(dir.resolve("throughput.jfr"), () -> loop(engine, millis, false));
            result.breakdown().set("JFR profile of the same loop", profile);
        }
        result.breakdown().set("what if one connection stayed open (ops/s, timed loops, alternating)",
                keeperWhatIf(dir.resolve("what-if.db"), settings));
        result.breakdown().set("one small write transaction on this disk, store settings",
                SqliteTransactionCost.measure(dir.resolve("transactions")));
    }

    /**
     * The store opens a connection per transaction; when the last connection to a WAL database closes,
     * SQLite checkpoints the WAL into the database and removes it. An idle connection held open by the same
     * process (nothing else changed) keeps the WAL alive, which shows how much of an operation that costs.
     */
    private static ObjectNode keeperWhatIf(Path database, RunSettings settings) throws Exception {
        Samples shipped = new Samples();
        Samples keeper = new Samples();
        long millis = settings.count(3_000, 1_500);
        try (ReferenceEngine engine = new ReferenceEngine(database)) {
            loop(engine, 1_000, false);
            for (int round = 0; round < 2; round++) {
                shipped.addMillis(opsPerSecond(engine, millis));
                try (Connection held = java.sql.DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                     var query = held.createStatement()) {
                    // A connection only holds the WAL open once it has read something.
                    query.executeQuery("select count(*) from sandboxes").close();
                    keeper.addMillis(opsPerSecond(engine, millis));
                }
            }
        }
        ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put("as shipped (connection per transaction)", Samples.round(shipped.median()));
        node.put("with one idle connection held open", Samples.round(keeper.median()));
        return node;
    }

    private static double opsPerSecond(ReferenceEngine engine, long millis) {
        long start = System.nanoTime();
        int ops = loop(engine, millis, false);
        return ops / ((System.nanoTime() - start) / 1e9);
    }

    /** Create + destroy for {@code millis}; with {@code keep}, each operation's steps are kept. @return ops */
    private static int loop(ReferenceEngine engine, long millis, boolean keep) {
        long end = System.nanoTime() + millis * 1_000_000;
        int ops = 0;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            Sandbox made = engine.create("p1");
            engine.destroy(made.id());
            ops++;
            if (keep) {
                engine.steps.keep((System.nanoTime() - start) / 1e6);
            } else if (engine.steps != null) {
                engine.steps.take();
            }
        }
        return ops;
    }
}
