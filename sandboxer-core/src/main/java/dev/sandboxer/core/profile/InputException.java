package dev.sandboxer.core.profile;

import java.util.List;

/**
 * Inputs given at create that the profile does not accept. The message is one line naming the input
 * and what it accepts; {@link #problems()} lists every input problem found.
 */
public final class InputException extends RuntimeException {
    private final transient List<String> problems;

    public InputException(List<String> problems) {
        super(summary(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InputException needs at least one problem");
        }
        int more = problems.size() - 1;
        return problems.getFirst() + (more == 0 ? "" : " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")");
    }
}
