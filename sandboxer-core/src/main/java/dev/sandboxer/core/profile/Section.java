package dev.sandboxer.core.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One YAML mapping being read into a record. Getters report what is wrong and return empty rather
 * than throw, so one pass over a file finds every problem in it.
 */
final class Section {
    private final YamlNode.Mapping node;
    private final Problems problems;

    private Section(YamlNode.Mapping node, Problems problems) {
        this.node = node;
        this.problems = problems;
    }

    /** {@code node} as a mapping of exactly {@code fields}; any other key is reported as unknown. */
    static Optional<Section> of(YamlNode node, Problems problems, String... fields) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            problems.at(node, "expected a mapping of " + String.join(", ", fields) + "; found " + node.describe());
            return Optional.empty();
        }
        List<String> known = Arrays.asList(fields);
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!known.contains(entry.key())) {
                problems.add(entry.keyLocation(), YamlNode.child(mapping.path(), entry.key()),
                        "unknown field " + Quote.of(entry.key()) + Spelling.suggest(entry.key(), known)
                                + "; known fields: " + String.join(", ", known));
            }
        }
        return Optional.of(new Section(mapping, problems));
    }

    Problems problems() {
        return problems;
    }

    YamlNode.Mapping node() {
        return node;
    }

    /** The value under {@code key}; an explicit null counts as absent, as if the line were not there. */
    Optional<YamlNode> get(String key) {
        YamlNode.Entry entry = node.entries().get(key);
        if (entry == null || entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    Optional<YamlNode> require(String key, String example) {
        Optional<YamlNode> value = get(key);
        if (value.isEmpty()) {
            problems.add(node.location(), YamlNode.child(node.path(), key), "is required; add e.g. '" + example + "'");
        }
        return value;
    }

    Optional<Section> section(String key, String... fields) {
        return get(key).flatMap(n -> of(n, problems, fields));
    }

    Optional<String> string(String key) {
        return get(key).flatMap(this::string);
    }

    Optional<String> string(YamlNode value) {
        if (value instanceof YamlNode.Scalar s && s.isString()) {
            return Optional.of(s.text());
        }
        problems.at(value, "expected text, found " + value.describe() + (value instanceof YamlNode.Scalar
                ? "; put it in quotes to make it text" : ""));
        return Optional.empty();
    }

    /** Any scalar as written, for values where {@code PORT: 8080} should mean the text {@code 8080}. */
    Optional<String> scalarText(YamlNode value) {
        if (value instanceof YamlNode.Scalar s && !s.isNull()) {
            return Optional.of(s.text());
        }
        problems.at(value, "expected a single value, found " + value.describe());
        return Optional.empty();
    }

    Optional<Long> wholeNumber(String key) {
        return get(key).flatMap(value -> {
            if (value instanceof YamlNode.Scalar s && s.value() instanceof Number n
                    && (n instanceof Integer || n instanceof Long)) {
                return Optional.of(n.longValue());
            }
            problems.at(value, "expected a whole number, found " + value.describe());
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(String key) {
        return get(key).flatMap(value -> {
            if (value instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
                return Optional.of(b);
            }
            problems.at(value, "expected true or false, found " + value.describe());
            return Optional.empty();
        });
    }

    Optional<Duration> duration(String key) {
        return get(key).flatMap(value -> {
            Optional<Duration> parsed = value instanceof YamlNode.Scalar s && !s.isNull()
                    ? Durations.parse(s.text()) : Optional.empty();
            if (parsed.isEmpty()) {
                String what = value instanceof YamlNode.Scalar s ? Quote.of(s.text()) : value.describe();
                problems.at(value, what + " is not a duration; use e.g. 30s, 10m, 2h, 1h30m");
            }
            return parsed;
        });
    }

    Optional<List<YamlNode>> list(String key) {
        return get(key).flatMap(value -> {
            if (value instanceof YamlNode.Sequence seq) {
                return Optional.of(seq.items());
            }
            problems.at(value, "expected a list, e.g. [a, b], found " + value.describe());
            return Optional.empty();
        });
    }

    /** A list of single values (argv, names); numbers keep their written text. */
    Optional<List<String>> texts(String key) {
        return list(key).map(items -> {
            List<String> texts = new ArrayList<>();
            items.forEach(item -> scalarText(item).ifPresent(texts::add));
            return texts;
        });
    }

    Optional<YamlNode.Mapping> mapping(String key) {
        return get(key).flatMap(value -> {
            if (value instanceof YamlNode.Mapping m) {
                return Optional.of(m);
            }
            problems.at(value, "expected a mapping (name: value lines), found " + value.describe());
            return Optional.empty();
        });
    }
}
