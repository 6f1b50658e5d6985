package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Merges the figures' fragments into the results file (every sample, medians, ratios, targets, pass/miss)
 * and writes BENCHMARKS.md from it: the machine, the summary table, and each figure's breakdown, followed
 * by the hand-written bench/where-the-time-goes.md.
 */
final class Report {
    private Report() {
    }

    static void write(Map<String, String> options) throws Exception {
        Path work = Path.of(options.get("work"));
        Path repo = Path.of(options.getOrDefault("repo", "."));
        boolean quick = options.containsKey("quick");
        ObjectNode results = JsonNodeFactory.instance.objectNode();
        results.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        results.put("finished_at", ZonedDateTime.now(ZoneOffset.UTC).toString());
        results.put("mode", quick ? "quick" : "full");
        results.put("command", "bench/run.sh" + (quick ? " --quick" : ""));
        results.set("machine", Machine.describe(repo));
        ArrayNode summary = results.putArray("summary");
        ArrayNode figures = results.putArray("figures");
        for (String id : BenchMain.FIGURES.keySet()) {
            Path fragment = work.resolve(id + ".json");
            JsonNode figure = Files.exists(fragment) ? BenchMain.JSON.readTree(fragment.toFile())
                    : JsonNodeFactory.instance.objectNode().put("id", id).put("title", id)
                            .put("measured", "not run").put("target", "");
            figures.add(figure);
            ObjectNode row = summary.addObject();
            for (String key : new String[] {"id", "title", "measured", "target", "pass"}) {
                row.set(key, figure.path(key).isMissingNode() ? JsonNodeFactory.instance.nullNode() : figure.get(key));
            }
        }
        Path json = Path.of(options.get("json"));
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, BenchMain.JSON.writeValueAsString(results));
        markdown(results, json, repo, options);
    }

    /** BENCHMARKS.md again from a results file, e.g. after editing bench/where-the-time-goes.md. */
    static void render(Map<String, String> options) throws Exception {
        Path json = Path.of(options.get("json"));
        markdown(BenchMain.JSON.readTree(json.toFile()), json, Path.of(options.getOrDefault("repo", ".")), options);
    }

    private static void markdown(JsonNode results, Path json, Path repo, Map<String, String> options)
            throws Exception {
        String markdown = new ReportMarkdown(results, repo.toAbsolutePath().relativize(json.toAbsolutePath())
                .toString(), repo.resolve("bench/where-the-time-goes.md")).render();
        if (options.containsKey("markdown")) {
            Files.writeString(Path.of(options.get("markdown")), markdown);
        }
        System.out.println(markdown);
    }
}
