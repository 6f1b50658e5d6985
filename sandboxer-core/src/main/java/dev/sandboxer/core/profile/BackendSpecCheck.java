package dev.sandboxer.core.profile;

import java.util.List;
import java.util.Map;

/**
 * An extension's own check of its {@code backend} section, as {@code Extension.validateSpec} does it,
 * so {@code sandboxer profiles validate} can show those problems at their line and column too. The
 * profile package cannot see extensions; whoever can (the CLI, the engine) passes this in.
 */
@FunctionalInterface
public interface BackendSpecCheck {
    BackendSpecCheck NONE = (extensionId, spec) -> List.of();

    /** @return {@code "path: problem"} lines, the path relative to the section; empty when fine */
    List<String> problems(String extensionId, Map<String, Object> spec);
}
