package dev.sandboxer.core.model;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * List filters; empty means "any". {@code projects} restricts to those projects (a consumer's scope);
 * an empty set means every project.
 */
public record SandboxFilter(Set<String> projects, Optional<Consumer> consumer, Set<SandboxState> states,
                            Optional<String> profileId, Map<String, String> labels) {
    public static final SandboxFilter ALL = new SandboxFilter(Set.of(), Optional.empty(), Set.of(), Optional.empty(),
            Map.of());

    public SandboxFilter {
        projects = Set.copyOf(projects);
        states = Set.copyOf(states);
        labels = Map.copyOf(labels);
    }
}
