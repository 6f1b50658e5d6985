package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR method profile of some work in this JVM (JFR ships with the JDK): Java and native samples, counted
 * by the method on top of the stack and by the first frame of a library we can name, so a miss can say which
 * layer the time is in.
 */
final class HotMethods {
    /**
     * Layers, most specific first. A sample belongs to the innermost frame outside the JDK, so time in a
     * HashMap called by Jackson counts as Jackson's.
     */
    private static final List<String> LAYERS = List.of("org.sqlite.", "org.jdbi.", "org.flywaydb.",
            "com.fasterxml.jackson.", "org.eclipse.jetty.", "io.javalin.", "io.micrometer.",
            "jdk.internal.net.http.", "dev.sandboxer.core.store.", "dev.sandboxer.core.engine.",
            "dev.sandboxer.server.", "dev.sandboxer.client.", "dev.sandboxer.tck.", "dev.sandboxer.bench.",
            "dev.sandboxer.");
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private HotMethods() {
    }

    static ObjectNode profile(Path file, Runnable work) throws IOException {
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
            recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(5));
            // Jdbi writes a JFR event per statement while a recording runs; left on, it profiles itself.
            recording.disable("jdbi.statement");
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> layers = new HashMap<>();
        Map<String, Integer> sqliteCalls = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            total++;
            top.merge(name(frames.getFirst()), 1, Integer::sum);
            layers.merge(layer(frames), 1, Integer::sum);
            sqliteCall(frames).ifPresent(call -> sqliteCalls.merge(call, 1, Integer::sum));
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("samples", total);
        node.set("by_layer_percent", percent(layers, total, 12));
        node.set("in sqlite, by JDBC call (percent of all samples)", percent(sqliteCalls, total, 8));
        node.set("top_frames_percent", percent(top, total, 12));
        return node;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("jdk.internal.net.http.")) {
                return "jdk.internal.net.http (the JDK's HTTP client)";
            }
            if (JDK.stream().anyMatch(type::startsWith)) {
                continue;
            }
            for (String prefix : LAYERS) {
                if (type.startsWith(prefix)) {
                    return prefix.substring(0, prefix.length() - 1);
                }
            }
            return "other: " + type;
        }
        return "JDK only";
    }

    /**
     * For a sample inside sqlite's native code: the JDBC-level call that led there (connection open, close,
     * commit, prepare, execute), which says what the database was asked to do.
     */
    private static java.util.Optional<String> sqliteCall(List<RecordedFrame> frames) {
        if (!frames.getFirst().getMethod().getType().getName().startsWith("org.sqlite.core.")) {
            return java.util.Optional.empty();
        }
        return frames.stream().filter(f -> {
            String type = f.getMethod().getType().getName();
            return type.startsWith("org.sqlite.") && !type.startsWith("org.sqlite.core.");
        }).findFirst().map(HotMethods::name);
    }

    private static ObjectNode percent(Map<String, Integer> counts, int total, int limit) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((k, v) -> node.put(k, Samples.round(100.0 * v / Math.max(1, total))));
        return node;
    }
}
