package dev.sandboxer.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who acts: a kind ({@code adm} operator, {@code agt} agent, {@code atm} automation/CI) and a name.
 * Written {@code kind:name}, e.g. {@code agt:glas-harness}.
 */
public record Consumer(Kind kind, String name) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    public enum Kind {
        ADM, AGT, ATM;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Consumer {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("consumer name '" + name
                    + "' must be 1-100 of letters, digits, '.', '_', '@', '-'");
        }
    }

    /** Parses {@code kind:name}; the message says how to write it right. */
    public static Consumer parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("consumer '" + text + "' must be kind:name, e.g. agt:my-harness "
                    + "(kind is adm, agt or atm)");
        }
        String kind = text.substring(0, colon).toUpperCase(Locale.ROOT);
        try {
            return new Consumer(Kind.valueOf(kind), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("consumer name")) {
                throw e;
            }
            throw new IllegalArgumentException("consumer kind '" + text.substring(0, colon)
                    + "' is not one of adm, agt, atm");
        }
    }

    @Override
    public String toString() {
        return kind.id() + ":" + name;
    }
}
