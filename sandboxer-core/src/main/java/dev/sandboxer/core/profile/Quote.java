package dev.sandboxer.core.profile;

/** Quotes a value for a one-line problem message: escaped line breaks, long values shortened. */
final class Quote {
    private static final int MAX = 60;

    private Quote() {
    }

    static String of(String value) {
        String flat = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        if (flat.length() > MAX) {
            flat = flat.substring(0, MAX - 3) + "...";
        }
        return "'" + flat + "'";
    }
}
