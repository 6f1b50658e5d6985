package dev.sandboxer.core.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems while a profile file is read, so the user sees all of them at once. */
final class Problems {
    private final String file;
    private final List<ProfileProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(Location at, String path, String message) {
        found.add(new ProfileProblem(file, at.line(), at.column(), path, message));
    }

    void at(YamlNode node, String message) {
        add(node.location(), node.path(), message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** In file order: the first problem shown is the first one an editor would reach. */
    List<ProfileProblem> list() {
        return found.stream()
                .sorted(Comparator.comparingInt(ProfileProblem::line).thenComparingInt(ProfileProblem::column))
                .toList();
    }
}
