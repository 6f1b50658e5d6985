package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.ExtensionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects what is wrong with a profile's backend section as {@code "path: problem"} lines, so a user sees
 * every mistake at once; {@link #throwFirst()} turns them into the typed error the engine expects.
 */
public final class SpecProblems {
    private final List<String> lines = new ArrayList<>();
    private String firstPath;
    private String firstMessage;

    public void add(String path, String problem) {
        if (firstPath == null) {
            firstPath = path;
            firstMessage = problem;
        }
        lines.add(path + ": " + problem);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public void throwFirst() {
        if (firstPath != null) {
            String more = lines.size() > 1 ? " (and " + (lines.size() - 1) + " more: " + String.join("; ",
                    lines.subList(1, lines.size())) + ")" : "";
            throw new ExtensionException.InvalidSpec(firstPath, firstMessage + more);
        }
    }

    /** Flags every key not in {@code allowed}; {@code why} may explain specific keys (e.g. who owns ports). */
    public void unknownKeys(String prefix, Map<String, ?> map, Set<String> allowed, Map<String, String> why) {
        for (String key : new TreeSet<>(map.keySet())) {
            if (!allowed.contains(key)) {
                add(join(prefix, key), why.getOrDefault(key, "unknown key (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")"));
            }
        }
    }

    public Optional<String> string(String path, Object value, boolean required) {
        if (value == null) {
            if (required) {
                add(path, "required");
            }
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            add(path, "must be a string, not " + typeName(value));
            return Optional.empty();
        }
        if (s.isBlank()) {
            add(path, "must not be blank");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** A string, or a number/boolean written without quotes in YAML (e.g. {@code sleep 100}). */
    public Optional<String> scalar(String path, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        add(path, value == null ? "must not be empty" : "must be a string, not " + typeName(value));
        return Optional.empty();
    }

    public List<String> scalarList(String path, Object value) {
        if (!(value instanceof List<?> list)) {
            add(path, "must be a list of strings, not " + typeName(value));
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            scalar(path + "[" + i + "]", list.get(i)).ifPresent(result::add);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> map(String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    add(path, "keys must be strings");
                    return Optional.empty();
                }
            }
            return Optional.of((Map<String, Object>) map);
        }
        add(path, "must be a map, not " + typeName(value));
        return Optional.empty();
    }

    public static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    public static String typeName(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
