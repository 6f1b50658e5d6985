package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 8: resident memory of the server process ({@link MemoryProbe}), idle and with 10,000 live sandboxes
 * (reference extension): with the JVM flags {@code bin/sandboxer serve} passes (the headline), the same with
 * native memory tracking to say where the memory goes, and with the JVM's defaults for comparison.
 */
final class MemoryFigure implements Figure {
    private static final double TARGET_MIB = 256;

    @Override
    public FigureResult run(RunSettings settings) throws Exception {
        int count = settings.count(10_000, 2_000);
        Map<String, List<String>> configs = new LinkedHashMap<>();
        // Keep equal to the serve branch of bin/sandboxer.
        List<String> launcher = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx160m");
        configs.put("as bin/sandboxer serve runs it (" + String.join(" ", launcher) + ")", launcher);
        // Where the memory goes (NMT costs a few MiB, counted in its own category).
        List<String> tracked = new ArrayList<>(launcher);
        tracked.add("-XX:NativeMemoryTracking=summary");
        configs.put("the same + NMT", tracked);
        configs.put("JVM defaults (G1, max heap 1/4 of RAM)", List.of());
        Map<String, ObjectNode> points = new LinkedHashMap<>();
        int n = 0;
        for (var config : configs.entrySet()) {
            points.put(config.getKey(), probe(settings.dir("memory/" + n++), count, config.getValue()));
        }
        String headline = configs.keySet().iterator().next();
        double worstShipped = worstRss(points.get(headline));
        FigureResult result = new FigureResult("memory", "memory (RSS)")
                .how(String.format("MemoryProbe: the server (ControlPlane.open + SandboxerServer on loopback, as "
                        + "sandboxer serve), idle, then with %,d live sandboxes created through its engine by 4 "
                        + "threads (reference extension), a /metrics scrape and a list over HTTP before each point; "
                        + "RSS from /proc/self/status after 2 s quiet and again after a full GC; the target is "
                        + "judged on the larger, with the launcher's flags", count));
        StringBuilder text = new StringBuilder();
        points.forEach((config, node) -> {
            result.json().withObjectProperty("probes").set(config, node);
            text.append(String.format("%s: idle %.0f MiB, %,d live %.0f MiB; ", config,
                    Math.max(rss(node, "idle", "as_is"), rss(node, "idle", "after_full_gc")), count, worstRss(node)));
        });
        result.value("rss_mib_at_live_shipped", worstShipped)
                .measured(text.toString().replaceAll("; $", ""))
                .target("≤ 256 MiB at 10,000 (as the launcher runs the server)", worstShipped <= TARGET_MIB);
        return result;
    }

    private static double worstRss(ObjectNode node) {
        return Math.max(rss(node, "live", "as_is"), rss(node, "live", "after_full_gc"));
    }

    private static double rss(ObjectNode node, String point, String when) {
        return node.path(point).path(when).path("VmRSS_mib").asDouble(Double.NaN);
    }

    private static ObjectNode probe(Path home, int count, List<String> flags) throws Exception {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("--enable-native-access=ALL-UNNAMED");
        argv.addAll(flags);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName(),
                home.toString(), Integer.toString(count)));
        Proc ran = Proc.run(argv);
        if (ran.exitCode() != 0) {
            throw new IllegalStateException("MemoryProbe failed: " + ran.stderr());
        }
        ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put("flags", String.join(" ", flags));
        for (String line : ran.stdout().lines().filter(l -> l.startsWith("MEMORY ")).toList()) {
            JsonNode point = BenchMain.JSON.readTree(line.substring("MEMORY ".length()));
            node.set(point.path("point").asText(), point);
        }
        node.put("seconds", Samples.round(ran.nanos() / 1e9));
        return node;
    }
}
