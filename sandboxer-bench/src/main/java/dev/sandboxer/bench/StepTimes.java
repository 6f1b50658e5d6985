package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where one operation's time went, by step name (store.write, extension.create, podman ps, ...). Each
 * operation's totals are taken with {@link #take()}; {@link #summary} gives the median of every step across
 * operations, so one slow outlier cannot dominate the breakdown.
 */
final class StepTimes {
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<Map<String, double[]>> taken = new ArrayList<>();
    private final ThreadLocal<String> enclosing = new ThreadLocal<>();

    /** Work that may throw, timed as one step. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Times {@code work} as {@code step}; steps timed inside it on the same thread are named under it
     * ({@code extension.create › podman ps}), so the breakdown reads as a tree.
     */
    <T, E extends Exception> T time(String step, Work<T, E> work) throws E {
        String outer = enclosing.get();
        String name = outer == null ? step : outer + " › " + step;
        enclosing.set(name);
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            add(name, System.nanoTime() - start);
            enclosing.set(outer);
        }
    }

    void add(String step, long elapsedNanos) {
        nanos.computeIfAbsent(step, k -> new LongAdder()).add(elapsedNanos);
        counts.computeIfAbsent(step, k -> new LongAdder()).increment();
    }

    /** Ends one operation: returns its steps (ms, count) and starts the next from zero. */
    Map<String, double[]> take() {
        Map<String, double[]> one = new TreeMap<>();
        nanos.forEach((step, n) -> one.put(step, new double[] {n.sum() / 1e6, counts.get(step).sum()}));
        nanos.clear();
        counts.clear();
        return one;
    }

    /** Ends one operation and keeps it for {@link #summary}. */
    void keep(double totalMillis) {
        Map<String, double[]> one = take();
        double timed = one.entrySet().stream().filter(e -> !e.getKey().contains(" › "))
                .mapToDouble(e -> e.getValue()[0]).sum();
        one.put("total", new double[] {totalMillis, 1});
        // What no timer covers: routing, ids, request hash, journal objects, JSON of the record, and so on.
        one.put("untimed rest (engine's own work)", new double[] {Math.max(0, totalMillis - timed), 1});
        taken.add(one);
    }

    /** Per step: median milliseconds and mean calls per operation, over the operations kept. */
    ObjectNode summary() {
        TreeMap<String, List<double[]>> bySteps = new TreeMap<>();
        for (Map<String, double[]> one : taken) {
            one.forEach((step, v) -> bySteps.computeIfAbsent(step, k -> new ArrayList<>()).add(v));
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        bySteps.forEach((step, values) -> {
            Samples ms = new Samples();
            double calls = 0;
            for (double[] v : values) {
                ms.addMillis(v[0]);
                calls += v[1];
            }
            // A step missing from some operations counts as 0 ms there.
            for (int i = values.size(); i < taken.size(); i++) {
                ms.addMillis(0);
            }
            ObjectNode s = node.putObject(step);
            s.put("median_ms", Samples.round(ms.median()));
            s.put("calls_per_op", Samples.round(calls / taken.size()));
        });
        return node;
    }

    /** Everything timed since the last take, as totals (no per-operation split), and starts again from zero. */
    ObjectNode totals() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        take().forEach((step, v) -> {
            ObjectNode s = node.putObject(step);
            s.put("total_ms", Samples.round(v[0]));
            s.put("calls", (long) v[1]);
        });
        return node;
    }
}
