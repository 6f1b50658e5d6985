package dev.sandboxer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One benchmark run: quick or full, its scratch directory (a fresh one per run, so every figure starts from
 * an empty store), and the checkout (for {@code bin/sandboxer}).
 */
record RunSettings(boolean quick, Path work, Path repo) {

    /** The full count, or the smaller one of {@code --quick}. */
    int count(int full, int quickCount) {
        return quick ? quickCount : full;
    }

    Path dir(String name) {
        Path dir = work.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Notes an installation id whose podman resources bench/run.sh sweeps at exit, so even a killed run
     * leaves nothing behind.
     */
    void recordInstallation(String installationId) {
        try {
            Files.writeString(work.resolve("installations.txt"), installationId + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
