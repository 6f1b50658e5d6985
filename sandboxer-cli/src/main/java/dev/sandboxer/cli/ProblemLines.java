package dev.sandboxer.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Profile problems a server found in text it was sent: it cannot know the file's name here, so its
 * {@code NAME:LINE:COL: ...} lines are given back the name the user typed.
 */
final class ProblemLines {
    private static final Pattern LOCATED = Pattern.compile("(?s).*?(:\\d+:\\d+: .*)");

    private ProblemLines() {
    }

    static String renamed(String problem, Path file) {
        Matcher matcher = LOCATED.matcher(problem);
        return matcher.matches() ? file + matcher.group(1) : file + ":1:1: " + problem;
    }
}
