package dev.sandboxer.core.engine;

import java.util.Set;

/**
 * Which projects a caller may see. An empty set means every project (operators, and the local CLI user).
 * Anything outside the scope answers "not found", so its existence is not disclosed.
 */
public record Scope(Set<String> projects) {
    public static final Scope ALL = new Scope(Set.of());

    public Scope {
        projects = Set.copyOf(projects);
    }

    public boolean allows(String project) {
        return projects.isEmpty() || projects.contains(project);
    }
}
