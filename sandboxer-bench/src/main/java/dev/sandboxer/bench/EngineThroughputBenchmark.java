package dev.sandboxer.bench;

import dev.sandboxer.core.model.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: one create plus one destroy through the engine, reference extension, SQLite file store. Each
 * operation is a full lifecycle: intent, provisioning, ready, destroying, destroyed, with their operations
 * and events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineThroughputBenchmark {
    private Path dir;
    private ReferenceEngine engine;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("sandboxer-jmh");
        engine = new ReferenceEngine(dir.resolve("sandboxer.db"));
    }

    @Benchmark
    public Sandbox createAndDestroy() {
        Sandbox made = engine.create("p1");
        return engine.destroy(made.id());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        engine.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
