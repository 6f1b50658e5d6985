package dev.sandboxer.spi;

import java.util.Objects;

/**
 * How an extension finds a sandbox again. The engine stores {@code state} verbatim and hands it back;
 * only the extension knows what is in it (never put secrets there).
 */
public record BackendRef(String extensionId, String sandboxId, String state) {
    public BackendRef {
        Objects.requireNonNull(extensionId, "extensionId");
        Objects.requireNonNull(sandboxId, "sandboxId");
        state = state == null ? "" : state;
    }
}
