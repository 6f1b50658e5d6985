package dev.sandboxer.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A value the consumer passes at create ({@code --input name=value}) and templates use as
 * {@code ${inputs.name}}. Values arrive as text; {@link #problem} says whether one is acceptable and
 * {@link #canonical} gives the form recorded on the sandbox ({@code 007} → {@code 7}, {@code TRUE} → {@code true}).
 *
 * @param pattern a regular expression the whole value must match (string inputs only)
 * @param allowed the only values accepted, if not empty (the profile's {@code enum})
 */
public record InputSpec(String name, Type type, boolean required, Optional<String> defaultValue,
                        Optional<String> pattern, List<String> allowed, String description) {

    public enum Type {
        STRING, INT, BOOL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,18}");

    public InputSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(pattern, "pattern");
        allowed = List.copyOf(allowed);
        Objects.requireNonNull(description, "description");
    }

    /** Why {@code raw} is not a value of this input, or empty when it is. */
    public Optional<String> problem(String raw) {
        if (type == Type.INT && !WHOLE.matcher(raw).matches()) {
            return Optional.of(Quote.of(raw) + " is not a whole number");
        }
        if (type == Type.BOOL && !raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
            return Optional.of(Quote.of(raw) + " is not true or false");
        }
        String value = canonical(raw);
        if (pattern.isPresent() && !Pattern.compile(pattern.get()).matcher(value).matches()) {
            return Optional.of(Quote.of(raw) + " does not match the pattern " + pattern.get());
        }
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            return Optional.of(Quote.of(raw) + " is not one of: " + String.join(", ", allowed));
        }
        return Optional.empty();
    }

    /** The recorded form of a value that {@link #problem} accepts. */
    public String canonical(String raw) {
        return switch (type) {
            case INT -> Long.toString(Long.parseLong(raw));
            case BOOL -> raw.toLowerCase(Locale.ROOT);
            case STRING -> raw;
        };
    }

    /** What a valid value looks like, for messages: "one of: a, b", "text matching [a-z]+". */
    public String expects() {
        if (!allowed.isEmpty()) {
            return "one of: " + String.join(", ", allowed);
        }
        return switch (type) {
            case INT -> "a whole number";
            case BOOL -> "true or false";
            case STRING -> pattern.map(p -> "text matching " + p).orElse("any text");
        };
    }

    static Optional<InputSpec> read(String name, YamlNode node, Problems problems) {
        return Section.of(node, problems, "type", "required", "default", "pattern", "enum", "description")
                .map(s -> read(name, s));
    }

    private static InputSpec read(String name, Section s) {
        Type type = s.string("type").map(word -> {
            for (Type t : Type.values()) {
                if (t.id().equals(word)) {
                    return t;
                }
            }
            s.problems().at(s.get("type").orElseThrow(), Quote.of(word) + " is not an input type; use string, int or bool");
            return Type.STRING;
        }).orElse(Type.STRING);
        boolean required = s.bool("required").orElse(false);
        Optional<String> pattern = s.string("pattern").filter(p -> validPattern(s, type, p));
        String description = s.string("description").orElse("");
        InputSpec unchecked = new InputSpec(name, type, required, Optional.empty(), pattern, List.of(), description);
        List<String> allowed = readAllowed(s, unchecked);
        InputSpec spec = new InputSpec(name, type, required, Optional.empty(), pattern, allowed, description);
        Optional<String> defaultValue = s.get("default").flatMap(node -> s.scalarText(node).flatMap(raw -> {
            Optional<String> problem = required
                    ? Optional.of("a required input has no use for a default; drop default or set required: false")
                    : spec.problem(raw).map(p -> p + "; make the default a valid value");
            problem.ifPresent(p -> s.problems().at(node, p));
            return problem.isPresent() ? Optional.empty() : Optional.of(spec.canonical(raw));
        }));
        return new InputSpec(name, type, required, defaultValue, pattern, allowed, description);
    }

    private static boolean validPattern(Section s, Type type, String pattern) {
        YamlNode node = s.get("pattern").orElseThrow();
        if (type != Type.STRING) {
            s.problems().at(node, "only string inputs take a pattern; drop it or use type: string");
            return false;
        }
        try {
            Pattern.compile(pattern);
            return true;
        } catch (PatternSyntaxException e) {
            s.problems().at(node, Quote.of(pattern) + " is not a regular expression (" + e.getDescription()
                    + " at index " + e.getIndex() + ")");
            return false;
        }
    }

    private static List<String> readAllowed(Section s, InputSpec spec) {
        List<String> allowed = new ArrayList<>();
        Optional<List<YamlNode>> items = s.list("enum");
        if (items.isPresent() && items.get().isEmpty()) {
            s.problems().at(s.get("enum").orElseThrow(), "is empty; list the allowed values or drop enum");
        }
        for (YamlNode item : items.orElse(List.of())) {
            s.scalarText(item).ifPresent(raw -> {
                Optional<String> problem = spec.problem(raw);
                String value = problem.isPresent() ? raw : spec.canonical(raw);
                if (problem.isPresent()) {
                    s.problems().at(item, problem.get() + "; every enum value must be a valid " + spec.type().id());
                } else if (allowed.contains(value)) {
                    s.problems().at(item, Quote.of(raw) + " is listed twice");
                } else {
                    allowed.add(value);
                }
            });
        }
        return allowed;
    }
}
