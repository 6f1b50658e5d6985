package dev.sandboxer.core.profile;

/**
 * A secret reference that cannot be resolved. The message names the reference ({@code env:MY_TOKEN is
 * not set}) and never contains a value, so it is safe to log, store and show.
 */
public final class SecretException extends RuntimeException {
    private final String reference;

    public SecretException(String reference, String message) {
        super(message, null, false, false);
        this.reference = reference;
    }

    /** The first reference that failed, e.g. {@code env:MY_TOKEN}. */
    public String reference() {
        return reference;
    }
}
