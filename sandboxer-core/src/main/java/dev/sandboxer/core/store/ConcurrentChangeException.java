package dev.sandboxer.core.store;

/** Another writer changed the sandbox between our read and our write. */
public class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String sandboxId) {
        super("sandbox " + sandboxId + " was changed by another operation at the same time; try again");
    }
}
