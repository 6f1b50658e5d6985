package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Entry point of bench/run.sh:
 * <pre>
 *   BenchMain figure ID --work DIR --repo DIR [--quick]   runs one figure, writes DIR/ID.json
 *   BenchMain report --work DIR --json FILE [--markdown FILE] [--quick]   merges the fragments
 *   BenchMain render --json FILE --markdown FILE                           BENCHMARKS.md from a results file
 * </pre>
 * One JVM per figure, so one figure's heap, JIT state or failure cannot colour the next.
 */
public final class BenchMain {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** In the order they run: cheap in-process figures first, the long podman ones after. */
    static final Map<String, Supplier<Figure>> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("create-container", ContainerCreateFigure::new);
        FIGURES.put("create-compose", ComposeCreateFigure::new);
        FIGURES.put("cli-start", CliStartFigure::new);
        FIGURES.put("engine-throughput", ThroughputFigure::new);
        FIGURES.put("api-throughput", ApiThroughputFigure::new);
        FIGURES.put("list-at-scale", () -> new ListAtScaleFigure(false));
        FIGURES.put("list-at-scale-pg", () -> new ListAtScaleFigure(true));
        FIGURES.put("reaper", ReaperFigure::new);
        FIGURES.put("parallel-creates", ParallelCreateFigure::new);
        FIGURES.put("memory", MemoryFigure::new);
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String command = args.length > 0 ? args[0] : "";
        switch (command) {
            case "figure" -> System.exit(figure(args[1], options));
            case "report" -> Report.write(options);
            case "render" -> Report.render(options);
            case "list" -> FIGURES.keySet().forEach(System.out::println);
            default -> {
                System.err.println("usage: BenchMain figure ID --work DIR --repo DIR [--quick] | report ... | render ... | list");
                System.exit(2);
            }
        }
    }

    private static int figure(String id, Map<String, String> options) throws Exception {
        Supplier<Figure> figure = FIGURES.get(id);
        if (figure == null) {
            throw new IllegalArgumentException("no figure " + id + "; one of " + FIGURES.keySet());
        }
        RunSettings settings = new RunSettings(options.containsKey("quick"), Path.of(options.get("work")),
                Path.of(options.getOrDefault("repo", ".")));
        Path out = settings.work().resolve(id + ".json");
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        int status = 0;
        FigureResult result;
        try {
            result = figure.get().run(settings);
        } catch (Throwable e) {
            // A figure that breaks is reported as such; the others still run and the table says which failed.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            System.err.println(trace);
            result = new FigureResult(id, id).measured("error: " + e).target("", false);
            result.json().put("error", trace.toString());
            status = 1;
        }
        result.json().put("figure_seconds", Samples.round((System.nanoTime() - start) / 1e9));
        // The machines are shared: the load around a figure says how quiet it was.
        result.json().put("load_average_before", loadBefore);
        result.json().put("load_average_after", loadAverage());
        Files.writeString(out, JSON.writeValueAsString(result.json()));
        System.err.printf("%s: %s (%.0f s)%n", id, result.json().path("measured").asText(),
                (System.nanoTime() - start) / 1e9);
        return status;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String key = args[i].substring(2);
                boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                options.put(key, hasValue ? args[++i] : "true");
            }
        }
        return options;
    }
}
