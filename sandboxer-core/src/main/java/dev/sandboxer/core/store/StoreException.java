package dev.sandboxer.core.store;

/** The store cannot be opened or used (file permissions, a corrupt database, a failed migration). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
