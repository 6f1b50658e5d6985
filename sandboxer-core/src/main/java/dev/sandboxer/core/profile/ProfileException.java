package dev.sandboxer.core.profile;

import java.util.List;

/**
 * A profile that cannot be used. The message is one line: the first problem, and how many more there
 * are; {@link #problems()} has them all, in file order, for {@code sandboxer profiles validate}.
 */
public final class ProfileException extends RuntimeException {
    private final transient List<ProfileProblem> problems;

    public ProfileException(List<ProfileProblem> problems) {
        super(summary(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<ProfileProblem> problems() {
        return problems;
    }

    private static String summary(List<ProfileProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ProfileException needs at least one problem");
        }
        String first = problems.getFirst().render();
        int more = problems.size() - 1;
        return more == 0 ? first : first + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
    }
}
