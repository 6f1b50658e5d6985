package dev.sandboxer.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The data directory: {@code $SANDBOXER_HOME}, else {@code $XDG_DATA_HOME/sandboxer}, else
 * {@code ~/.local/share/sandboxer}. Holds the embedded store, user profiles, plugin jars and the
 * extensions' working files.
 */
public record SandboxerHome(Path root) {

    public static SandboxerHome fromEnvironment(Map<String, String> env) {
        String explicit = env.get("SANDBOXER_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return new SandboxerHome(Path.of(explicit).toAbsolutePath());
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new SandboxerHome(Path.of(xdg, "sandboxer").toAbsolutePath());
        }
        return new SandboxerHome(Path.of(System.getProperty("user.home"), ".local", "share", "sandboxer"));
    }

    public Path database() {
        return root.resolve("sandboxer.db");
    }

    public Path profiles() {
        return root.resolve("profiles");
    }

    public Path plugins() {
        return root.resolve("plugins");
    }

    public Path workDir(String extensionId) {
        return root.resolve("work").resolve(extensionId);
    }
}
