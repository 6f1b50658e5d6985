package dev.sandboxer.core.engine;

import dev.sandboxer.spi.Secret;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Removes secret values from text that is about to be stored or shown: a workload may print its own
 * environment in a failure log, and that log tail becomes the sandbox's recorded failure reason.
 */
final class Redaction {
    static final Redaction NONE = new Redaction(List.of());
    private final List<String> values;

    private Redaction(List<String> values) {
        this.values = values;
    }

    static Redaction of(Collection<Secret> secrets) {
        // Longest first, so a secret that contains another is replaced whole.
        return new Redaction(secrets.stream().map(Secret::reveal).filter(v -> !v.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    String apply(String text) {
        String out = text;
        for (String value : values) {
            out = out.replace(value, "****");
        }
        return out;
    }
}
