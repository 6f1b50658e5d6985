package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timings of one side of a figure in milliseconds, all kept: the results file holds every sample. */
final class Samples {
    private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

    void addNanos(long nanos) {
        millis.add(nanos / 1e6);
    }

    void addMillis(double value) {
        millis.add(value);
    }

    int size() {
        return millis.size();
    }

    List<Double> sorted() {
        List<Double> copy = new ArrayList<>(millis);
        Collections.sort(copy);
        return copy;
    }

    double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile: a value that was actually measured, never an interpolation. */
    double percentile(double p) {
        List<Double> s = sorted();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.min(s.size() - 1, Math.max(0, rank - 1)));
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        List<Double> s = sorted();
        node.put("n", s.size());
        node.put("median_ms", round(median()));
        node.put("p99_ms", round(percentile(99)));
        node.put("min_ms", s.isEmpty() ? Double.NaN : round(s.getFirst()));
        node.put("max_ms", s.isEmpty() ? Double.NaN : round(s.getLast()));
        ArrayNode all = node.putArray("samples_ms");
        synchronized (millis) {
            millis.forEach(v -> all.add(round(v)));
        }
        return node;
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
