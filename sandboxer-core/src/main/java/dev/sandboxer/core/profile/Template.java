package dev.sandboxer.core.profile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The one substitution profiles have: {@code ${inputs.NAME}} becomes the input's value and
 * {@code $${} writes a literal {@code ${}. Every other {@code ${...}} is refused when the profile is
 * loaded, so a typo like {@code ${input.name}} never reaches a sandbox as literal text.
 */
final class Template {
    static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,62}");
    private static final String PREFIX = "inputs.";

    private Template() {
    }

    /** What is wrong with the placeholders in {@code text}, given the declared inputs; empty when fine. */
    static List<String> problems(String text, Set<String> declared) {
        List<String> problems = new ArrayList<>();
        scan(text, (placeholder, name) -> {
            if (name == null) {
                problems.add(placeholder.endsWith("}")
                        ? Quote.of(placeholder) + " is not a placeholder; use ${inputs.NAME}, or $${ for a literal ${"
                        : "unclosed " + Quote.of(placeholder) + "; close it with }, or write $${ for a literal ${");
            } else if (!declared.contains(name)) {
                problems.add(Quote.of(placeholder) + " names no input" + Spelling.suggest(name, declared)
                        + (declared.isEmpty() ? "; declare it under inputs" : "; declared inputs: "
                        + String.join(", ", declared)));
            }
        });
        return problems;
    }

    static Set<String> references(String text) {
        Set<String> names = new LinkedHashSet<>();
        scan(text, (placeholder, name) -> {
            if (name != null) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * Substitutes in one pass, so a value that itself contains {@code ${inputs.x}} stays literal. Never
     * throws: what is not a known placeholder is kept as written (load-time validation refuses it earlier).
     */
    static String render(String text, Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                String placeholder = close < 0 ? text.substring(i) : text.substring(i, close + 1);
                String name = inputName(placeholder);
                out.append(name != null && values.containsKey(name) ? values.get(name) : placeholder);
                i += placeholder.length();
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** The inverse of {@link #render} for text with no placeholders: makes every {@code ${} literal. */
    static String escape(String literal) {
        return literal.replace("${", "$${");
    }

    /** Calls {@code visit(placeholder, inputName or null)} for each {@code ${...}} that is not escaped. */
    private static void scan(String text, BiConsumer<String, String> visit) {
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                String placeholder = close < 0 ? text.substring(i) : text.substring(i, close + 1);
                visit.accept(placeholder, inputName(placeholder));
                i += placeholder.length();
            } else {
                i++;
            }
        }
    }

    private static String inputName(String placeholder) {
        if (!placeholder.endsWith("}") || !placeholder.startsWith("${" + PREFIX)) {
            return null;
        }
        String name = placeholder.substring(2 + PREFIX.length(), placeholder.length() - 1);
        return INPUT_NAME.matcher(name).matches() ? name : null;
    }
}
