package dev.sandboxer.spi;

/**
 * The typed failures an extension reports. The engine maps each to a user-facing error; messages must
 * say what went wrong in the backend's terms and must never contain secret values.
 */
public abstract sealed class ExtensionException extends RuntimeException {

    protected ExtensionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A verb the extension does not declare. */
    public static final class Unsupported extends ExtensionException {
        private final Capability capability;

        public Unsupported(String extensionId, Capability capability) {
            super("extension '" + extensionId + "' does not support " + capability.id(), null);
            this.capability = capability;
        }

        public Capability capability() {
            return capability;
        }
    }

    /** The backend tool or service cannot be used (missing binary, daemon down). */
    public static final class Unavailable extends ExtensionException {
        private final String hint;

        public Unavailable(String message, String hint) {
            super(message, null);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    /** The extension's section of the profile is wrong; {@code path} names the field. */
    public static final class InvalidSpec extends ExtensionException {
        private final String path;

        public InvalidSpec(String path, String message) {
            super(path + ": " + message, null);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /**
     * Create failed; the extension has already removed whatever it made. {@code diagnostics} carries the
     * backend's own words: exit codes, the failing service's log tail.
     */
    public static final class ProvisionFailed extends ExtensionException {
        private final String diagnostics;

        public ProvisionFailed(String message, String diagnostics, Throwable cause) {
            super(message, cause);
            this.diagnostics = diagnostics == null ? "" : diagnostics;
        }

        public String diagnostics() {
            return diagnostics;
        }
    }

    /** The sandbox's backend resources no longer exist (for verbs other than destroy/observe). */
    public static final class Gone extends ExtensionException {
        public Gone(String sandboxId) {
            super("sandbox " + sandboxId + " has no backend resources any more", null);
        }
    }

    /** Any other backend failure: a command exited non-zero, timed out, or answered nonsense. */
    public static final class BackendFailure extends ExtensionException {
        public BackendFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
