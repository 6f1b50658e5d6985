package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figure 3: {@code bin/sandboxer list} as a fresh process with 1,000 sandboxes in its store against
 * {@code podman ps}, interleaved. Then where the CLI's time goes: the bash launcher, the JVM floor with the
 * same flags, the in-process phases ({@link StartupPhases}), classes loaded and how many came from the
 * class-data archive, and the same command without the archive.
 */
final class CliStartFigure implements Figure {
    private static final int SEEDED = 1_000;

    @Override
    public FigureResult run(RunSettings settings) throws Exception {
        int pairs = settings.count(20, 6);
        Path home = settings.dir("cli/home");
        try (ReferenceEngine seeder = new ReferenceEngine(home.resolve("sandboxer.db"))) {
            for (int i = 0; i < SEEDED; i++) {
                seeder.create("project-" + (i % 10));
            }
        }
        Launch cli = new Launch(settings.repo(), home);
        List<String> list = List.of(cli.script().toString(), "list");
        List<String> podman = List.of("podman", "ps");
        for (int i = 0; i < 3; i++) {
            // The first run after a build trains the launcher's class-data archive: warm-up, not measured.
            cli.check(Proc.run(list, cli.env()));
            Proc.run(podman);
        }
        Samples a = new Samples();
        Samples b = new Samples();
        for (int i = 0; i < pairs; i++) {
            if (i % 2 == 0) {
                a.addNanos(cli.check(Proc.run(list, cli.env())).nanos());
                b.addNanos(Proc.require(podman).nanos());
            } else {
                b.addNanos(Proc.require(podman).nanos());
                a.addNanos(cli.check(Proc.run(list, cli.env())).nanos());
            }
        }
        double ratio = a.median() / b.median();
        FigureResult result = new FigureResult("cli-start", "CLI start: `sandboxer list`")
                .how(pairs + " interleaved pairs (alternating order) after 3 warm-ups: `bin/sandboxer list` (launcher "
                        + "as shipped, AppCDS archive, " + SEEDED + " sandboxes in the store, first page of 50 printed) "
                        + "vs `podman ps` (" + Proc.run(List.of("podman", "ps", "-q")).stdout().lines().count()
                        + " containers running), wall time from fork to exit")
                .side("bin/sandboxer list", a).side("podman ps", b)
                .value("ratio", ratio)
                .measured(String.format("%s vs %s: **%.1f×**", FigureResult.ms(a.median()),
                        FigureResult.ms(b.median()), ratio))
                .target("≤ 2×", ratio <= 2);
        breakdown(cli, settings, result);
        return result;
    }

    private static void breakdown(Launch cli, RunSettings settings, FigureResult result) throws Exception {
        int runs = settings.count(7, 3);
        ObjectNode node = result.breakdown();
        node.put("bin/sandboxer list (median ms)", Samples.round(result.json().at("/sides/bin~1sandboxer list/median_ms")
                .asDouble()));
        node.put("same java command without the bash launcher", median(runs, () -> cli.check(Proc.run(cli.direct(
                List.of(), "dev.sandboxer.cli.Main", "list"), cli.env()))));
        node.put("JVM floor: empty main, same flags and archive", median(runs, () -> Proc.require(cli.direct(
                List.of(), Noop.class.getName()))));
        node.put("bin/sandboxer list without the archive (SANDBOXER_CDS=0)", median(runs, () -> cli.check(Proc.run(
                List.of(cli.script().toString(), "list"), Map.of("SANDBOXER_HOME", cli.home().toString(),
                        "SANDBOXER_CDS", "0")))));
        List<ObjectNode> phases = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Proc ran = Proc.require(cli.direct(List.of(), StartupPhases.class.getName(), cli.home().toString()));
            phases.add((ObjectNode) BenchMain.JSON.readTree(ran.stdout().strip()));
        }
        node.set("in-process phases (median of " + runs + " fresh JVMs, ms)", medianPhases(phases));
        node.set("classes loaded by one list", classLoading(cli, settings.dir("cli")));
    }

    private static double median(int runs, java.util.function.Supplier<Proc> run) {
        Samples s = new Samples();
        for (int i = 0; i < runs; i++) {
            s.addNanos(run.get().nanos());
        }
        return Samples.round(s.median());
    }

    private static ObjectNode medianPhases(List<ObjectNode> runs) {
        TreeMap<String, Samples> byPhase = new TreeMap<>();
        List<String> order = new ArrayList<>();
        for (ObjectNode run : runs) {
            byPhase.computeIfAbsent("JVM start to main", k -> new Samples())
                    .addMillis(run.path("JVM start to main (ms)").asDouble());
            run.path("phases_ms").properties().forEach(e -> {
                if (!order.contains(e.getKey())) {
                    order.add(e.getKey());
                }
                byPhase.computeIfAbsent(e.getKey(), k -> new Samples()).addMillis(e.getValue().asDouble());
            });
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("JVM start to main", Samples.round(byPhase.get("JVM start to main").median()));
        order.forEach(k -> node.put(k, Samples.round(byPhase.get(k).median())));
        return node;
    }

    /** One list with -Xlog:class+load: how many classes, how many from the archive, the rest by library. */
    private static ObjectNode classLoading(Launch cli, Path dir) throws Exception {
        Path log = dir.resolve("class-load.log");
        cli.check(Proc.run(cli.direct(List.of("-Xlog:class+load=info:file=" + log), "dev.sandboxer.cli.Main",
                "list"), cli.env()));
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("source:")).toList();
        long shared = lines.stream().filter(l -> l.contains("shared objects file")).count();
        TreeMap<String, Integer> notShared = new TreeMap<>();
        for (String line : lines) {
            if (!line.contains("shared objects file")) {
                notShared.merge(library(line), 1, Integer::sum);
            }
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("total", lines.size());
        node.put("from the class-data archive", shared);
        ObjectNode rest = node.putObject("not from the archive, by package");
        notShared.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(e -> rest.put(e.getKey(), e.getValue()));
        return node;
    }

    /** {@code org.flywaydb}, {@code com.fasterxml}, ...: the first two parts of the class's package. */
    private static String library(String line) {
        String afterTag = line.substring(line.indexOf(']', line.lastIndexOf("[class,load")) + 1).strip();
        String name = afterTag.split(" ")[0];
        String[] parts = name.split("\\.");
        return parts.length > 2 ? parts[0] + "." + parts[1] : name;
    }
}
