package dev.sandboxer.core.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The free-form {@code backend} sections: JSON-like data made only of ordered maps, lists, strings,
 * numbers and booleans, deeply immutable, exactly what an extension receives as its spec.
 */
final class PlainData {
    private PlainData() {
    }

    /** The YAML value as plain data; nulls are reported, because extensions are promised none. */
    static Optional<Object> of(YamlNode node, Problems problems) {
        return switch (node) {
            case YamlNode.Scalar s when s.isNull() -> {
                problems.at(node, "is empty (null), which backend sections may not hold; write {} for an empty"
                        + " mapping, [] for an empty list or \"\" for empty text");
                yield Optional.empty();
            }
            case YamlNode.Scalar s -> Optional.of(s.value());
            case YamlNode.Sequence seq -> {
                List<Object> items = new ArrayList<>();
                seq.items().forEach(item -> of(item, problems).ifPresent(items::add));
                yield Optional.of(Collections.unmodifiableList(items));
            }
            case YamlNode.Mapping map -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                map.entries().forEach((key, entry) -> of(entry.value(), problems).ifPresent(v -> entries.put(key, v)));
                yield Optional.of(Collections.unmodifiableMap(entries));
            }
        };
    }

    /** A deep, order-keeping, immutable copy; also the check on data built in code. */
    static Map<String, Object> freezeMap(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, mapStrings(value, UnaryOperator.identity())));
        return Collections.unmodifiableMap(copy);
    }

    /** A frozen copy with {@code f} applied to every string value (not to keys: they are names). */
    static Object mapStrings(Object value, UnaryOperator<String> f) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, v) -> copy.put(String.valueOf(key), mapStrings(v, f)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(mapStrings(v, f)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof String s) {
            return f.apply(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("backend data holds only maps, lists, strings, numbers and booleans, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
