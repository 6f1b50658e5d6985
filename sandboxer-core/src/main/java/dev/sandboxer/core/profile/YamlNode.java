package dev.sandboxer.core.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A YAML value together with where it was written and its field path, so that every problem found
 * while reading a profile can point at a line and column. Jackson's own trees drop locations, which
 * is why profiles are read through this small tree instead.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    /** The field path as problems show it, e.g. {@code setup.files[0].path}; empty for the document. */
    String path();

    Location location();

    /** What this node is, in words for a problem message: "a list", "the number 5". */
    String describe();

    /**
     * A text, number, boolean or null.
     *
     * @param text  the scalar as written (so {@code 0644} stays {@code 0644} and {@code no} stays {@code no})
     * @param value what YAML made of it: String, Integer/Long/BigInteger, Double, Boolean, or null
     */
    record Scalar(String path, Location location, String text, Object value) implements YamlNode {
        boolean isString() {
            return value instanceof String;
        }

        boolean isNull() {
            return value == null;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "nothing (null)";
            }
            if (value instanceof String) {
                return "the text " + Quote.of(text);
            }
            return (value instanceof Boolean ? "the boolean " : "the number ") + text;
        }
    }

    record Entry(String key, Location keyLocation, YamlNode value) {
    }

    record Mapping(String path, Location location, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(String path, Location location, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    /** {@code ttl} + {@code default} → {@code ttl.default}; keys with dots or spaces are bracketed. */
    static String child(String parent, String key) {
        if (!SIMPLE_KEY.matcher(key).matches()) {
            return parent + "[\"" + key.replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
