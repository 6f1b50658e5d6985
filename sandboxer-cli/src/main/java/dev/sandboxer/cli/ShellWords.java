package dev.sandboxer.cli;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Command lines printed for a person to paste into a POSIX shell: each word quoted only when it must be. */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** The word as the shell reads it back: plain words as they are, anything else in single quotes. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}
