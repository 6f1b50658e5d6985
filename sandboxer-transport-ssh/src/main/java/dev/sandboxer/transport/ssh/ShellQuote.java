package dev.sandboxer.transport.ssh;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns an argv list into the one string an SSH exec request carries. The remote side hands that string to
 * the login shell, so every element is wrapped in POSIX single quotes, inside which no character is special;
 * a single quote itself is closed, escaped and reopened ({@code '\''}). Nothing is ever interpreted:
 * {@code $()}, backticks, globs, newlines all arrive as the bytes they were. A NUL cannot be carried by any
 * exec'd argument, so it is refused rather than silently truncated.
 */
public final class ShellQuote {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ShellQuote() {
    }

    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an argument contains a NUL byte, which no command line can carry");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        StringBuilder line = new StringBuilder();
        for (String word : argv) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(quote(word));
        }
        return line.toString();
    }

    /** Refuses names that are not plain shell variable names: they would be code in an assignment. */
    public static String requireEnvName(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("environment variable name '" + name.replace("\0", "\\0")
                    + "' is not a valid name ([A-Za-z_][A-Za-z0-9_]*)");
        }
        return name;
    }
}
