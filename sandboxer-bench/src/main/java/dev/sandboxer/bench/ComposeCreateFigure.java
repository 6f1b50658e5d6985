package dev.sandboxer.bench;

import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.spi.OwnershipLabels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 2: a warm engine's create of a compose-e2e-like stack (web + api, egress denied, one published port
 * relayed by the port gateway) against {@code podman-compose up -d} of the very compose file the extension
 * wrote, with the same arguments, under a fresh project. Neither side waits for readiness: the profile has
 * no probe, and the baseline stops when {@code up -d} returns.
 */
final class ComposeCreateFigure implements Figure {
    static final String ENGINE = "sandboxer";
    static final String COMPOSE = "podman-compose up -d";
    /** web, api and the port gateway. */
    static final int SERVICES = 3;

    @Override
    public FigureResult run(RunSettings settings) {
        int pairs = settings.count(10, 3);
        Path baselineDir = settings.dir("compose/baseline");
        try (PodmanEngine engine = new PodmanEngine(settings.dir("compose/engine"), Map.of(), settings)) {
            Baseline baseline = warmUp(engine, baselineDir);
            Samples a = new Samples();
            Samples b = new Samples();
            for (int i = 0; i < pairs; i++) {
                // Alternating which side goes first cancels a steady drift of the machine.
                if (i % 2 == 0) {
                    engineSide(engine, a);
                    b.addNanos(baseline.runOnce());
                } else {
                    b.addNanos(baseline.runOnce());
                    engineSide(engine, a);
                }
            }
            double ratio = a.median() / b.median();
            FigureResult result = new FigureResult("create-compose", "create overhead, compose")
                    .how(pairs + " interleaved pairs (alternating order) after one warm-up each; engine create() of "
                            + "bench-stack (compose-e2e without readiness: web + api + the port gateway, internal "
                            + "network) vs `podman-compose up -d` of the compose file the extension itself wrote, "
                            + "same arguments, fresh project; no readiness wait on either side; each torn down "
                            + "untimed")
                    .side(ENGINE, a).side(COMPOSE, b)
                    .value("ratio", ratio)
                    .measured(String.format("%s vs %s: **%.2f×**", FigureResult.ms(a.median()),
                            FigureResult.ms(b.median()), ratio))
                    .target("ratio ≤ 1.05", ratio <= 1.05);
            result.breakdown().set(ENGINE, engine.steps.summary());
            result.note("baseline argv: " + String.join(" ", baseline.argv("sb-BASELINE")));
            result.note("podman resources left after the figure: " + engine.sweep());
            return result;
        }
    }

    private static void engineSide(PodmanEngine engine, Samples samples) {
        engine.steps.take();
        long start = System.nanoTime();
        Sandbox made = engine.create(BenchProfiles.STACK);
        long elapsed = System.nanoTime() - start;
        engine.steps.keep(elapsed / 1e6);
        engine.destroy(made.id());
        engine.steps.take();
        samples.addNanos(elapsed);
    }

    private static Baseline warmUp(PodmanEngine engine, Path baselineDir) {
        int before = engine.transport.commands().size();
        Sandbox made = engine.create(BenchProfiles.STACK);
        List<String> up = engine.transport.commands().subList(before, engine.transport.commands().size()).stream()
                .filter(argv -> argv.contains("up")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the extension ran no podman-compose up"));
        int f = up.indexOf("-f");
        String file;
        try {
            file = Files.readString(Path.of(up.get(f + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine.destroy(made.id());
        engine.steps.take();
        Baseline baseline = new Baseline(new ArrayList<>(up), file, made.id(), baselineDir);
        baseline.runOnce();
        return baseline;
    }

    /** The extension's compose file and {@code up} argv, replayed under a fresh id. */
    record Baseline(List<String> upArgv, String composeFile, String sandboxId, Path dir) {
        List<String> argv(String newId) {
            int f = upArgv.indexOf("-f");
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < upArgv.size(); i++) {
                argv.add(i == f + 1 ? dir.resolve(newId + ".yaml").toString()
                        : upArgv.get(i).replace(sandboxId, newId));
            }
            return argv;
        }

        long runOnce() {
            String id = BaselineIds.next();
            try {
                Files.writeString(dir.resolve(id + ".yaml"), composeFile.replace(sandboxId, id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Proc ran = Proc.run(argv(id));
            // podman-compose 1.0.3 exits 0 even when a container failed: count what runs (untimed).
            long running = Proc.run(List.of("podman", "ps", "-q", "--filter", "status=running", "--filter",
                    "label=" + OwnershipLabels.SANDBOX + "=" + id)).stdout().lines().count();
            LabelSweep.remove(OwnershipLabels.SANDBOX, id);
            if (ran.exitCode() != 0 || running != SERVICES) {
                throw new IllegalStateException("podman-compose up -d left " + running + " of " + SERVICES
                        + " containers running (exit " + ran.exitCode() + "): " + ran.stderr().strip());
            }
            return ran.nanos();
        }
    }
}
