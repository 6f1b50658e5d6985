package dev.sandboxer.core.profile;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Profiles written inline in tests, so each test shows the YAML its line and column numbers refer to. */
final class ProfileText {
    /** The three required fields; tests append the section under test after these three lines. */
    static final String HEADER = """
            id: demo
            version: 1
            description: A profile under test
            """;

    private ProfileText() {
    }

    static Profile parse(String yaml) {
        return ProfileParser.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    static List<ProfileProblem> problems(String yaml) {
        return ProfileParser.problems("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** The only problem in {@code yaml}; fails the test if there is not exactly one. */
    static ProfileProblem problem(String yaml) {
        List<ProfileProblem> problems = problems(yaml);
        if (problems.size() != 1) {
            throw new AssertionError("expected exactly one problem, got " + problems);
        }
        return problems.getFirst();
    }
}
