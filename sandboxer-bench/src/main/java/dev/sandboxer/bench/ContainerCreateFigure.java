package dev.sandboxer.bench;

import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.spi.OwnershipLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 1: a warm engine's create of a health-probe-like container against {@code podman run -d} with the
 * very flags the extension passed to {@code podman create} (replayed from its argv), interleaved in rotating
 * order. Two engine sides: as shipped (the extension then watches the workload for its 1 s startup grace,
 * to catch a command that dies at once) and with {@code startup-grace-ms=0}, which shows the control plane's
 * own cost without that deliberate wait.
 */
final class ContainerCreateFigure implements Figure {
    static final String SHIPPED = "sandboxer (as shipped)";
    static final String NO_GRACE = "sandboxer (startup-grace-ms=0)";
    static final String PODMAN = "podman run -d";

    @Override
    public FigureResult run(RunSettings settings) {
        int pairs = settings.count(20, 5);
        try (PodmanEngine shipped = new PodmanEngine(settings.dir("container/shipped"), Map.of(), settings);
             PodmanEngine noGrace = new PodmanEngine(settings.dir("container/no-grace"),
                     Map.of("startup-grace-ms", "0"), settings)) {
            Baseline baseline = warmUp(shipped, noGrace);
            Samples a = new Samples();
            Samples b = new Samples();
            Samples c = new Samples();
            List<Runnable> sides = List.of(() -> engineSide(shipped, a), () -> engineSide(noGrace, b),
                    () -> c.addNanos(baseline.runOnce()));
            for (int i = 0; i < pairs; i++) {
                // Rotating the order spreads any drift of the machine evenly over the three sides.
                for (int k = 0; k < sides.size(); k++) {
                    sides.get((i + k) % sides.size()).run();
                }
            }
            double ratio = a.median() / c.median();
            double ratioNoGrace = b.median() / c.median();
            FigureResult result = new FigureResult("create-container", "create overhead, container")
                    .how(pairs + " interleaved triples after 2 warm-up creates per side; engine create() of the "
                            + "bench-probe profile (health-probe without readiness, pinned to podman) in this JVM vs "
                            + "`podman run -d` with the extension's own `podman create` flags (labels, --network "
                            + "none, --cpus 0.1, --memory, --timeout, --pull never, name); each destroyed/removed "
                            + "untimed before the next")
                    .side(SHIPPED, a).side(NO_GRACE, b).side(PODMAN, c)
                    .value("ratio", ratio).value("ratio_startup_grace_0", ratioNoGrace)
                    .measured(String.format("%s vs %s: **%.2f×** (with startup-grace 0: %s, %.2f×)",
                            FigureResult.ms(a.median()), FigureResult.ms(c.median()), ratio,
                            FigureResult.ms(b.median()), ratioNoGrace))
                    .target("ratio ≤ 1.10", ratio <= 1.10);
            result.breakdown().set(SHIPPED, shipped.steps.summary());
            result.breakdown().set(NO_GRACE, noGrace.steps.summary());
            result.note("baseline argv: " + String.join(" ", baseline.argv("sb-BASELINE")));
            int left = shipped.sweep() + noGrace.sweep();
            result.note("podman resources left after the figure: " + left);
            return result;
        }
    }

    private static void engineSide(PodmanEngine side, Samples samples) {
        side.steps.take();
        long start = System.nanoTime();
        Sandbox made = side.create(BenchProfiles.PROBE);
        long elapsed = System.nanoTime() - start;
        side.steps.keep(elapsed / 1e6);
        side.destroy(made.id());
        side.steps.take();
        samples.addNanos(elapsed);
    }

    /** Two creates per side before measuring: JIT, page cache and podman's own caches warm up. */
    private static Baseline warmUp(PodmanEngine shipped, PodmanEngine noGrace) {
        for (int i = 0; i < 2; i++) {
            shipped.destroy(shipped.create(BenchProfiles.PROBE).id());
        }
        Baseline baseline = null;
        for (int i = 0; i < 2; i++) {
            int before = noGrace.transport.commands().size();
            Sandbox made = noGrace.create(BenchProfiles.PROBE);
            List<List<String>> ran = noGrace.transport.commands().subList(before, noGrace.transport.commands().size());
            // The extension makes a plain container with `podman run -d` (or `podman create` + `start` when it
            // must copy files in first); either way the baseline replays the same flags as one `podman run -d`.
            List<String> create = ran.stream().filter(argv -> argv.size() > 2 && (argv.get(1).equals("create")
                            || argv.get(1).equals("run") && argv.get(2).equals("-d")))
                    .findFirst().orElseThrow(() -> new IllegalStateException("the extension ran no podman create"));
            List<String> flags = new ArrayList<>(create.subList(0, 2));
            flags.addAll(create.subList(create.get(1).equals("run") ? 3 : 2, create.size()));
            baseline = new Baseline(flags, made.id(), noGrace.installationId);
            noGrace.destroy(made.id());
        }
        shipped.steps.take();
        noGrace.steps.take();
        for (int i = 0; i < 2; i++) {
            baseline.runOnce();
        }
        return baseline;
    }

    /** {@code podman run -d} with the argv of the extension's {@code podman create}, under a fresh id. */
    record Baseline(List<String> createArgv, String sandboxId, String installationId) {
        List<String> argv(String newId) {
            List<String> argv = new ArrayList<>(List.of(createArgv.getFirst(), "run", "-d"));
            createArgv.stream().skip(2).map(arg -> arg.replace(sandboxId, newId)).forEach(argv::add);
            return argv;
        }

        long runOnce() {
            String id = BaselineIds.next();
            Proc ran = Proc.run(argv(id));
            LabelSweep.remove(OwnershipLabels.SANDBOX, id);
            if (ran.exitCode() != 0) {
                throw new IllegalStateException("podman run -d failed: " + ran.stderr().strip());
            }
            return ran.nanos();
        }
    }
}
