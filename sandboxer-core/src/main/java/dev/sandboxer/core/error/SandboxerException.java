package dev.sandboxer.core.error;

/**
 * Every failure a user can see: a stable machine {@link #code()}, a one-line message saying what is wrong,
 * and a hint saying how to fix it. The CLI maps {@link #exitCode()}; the API maps to problem+json.
 */
public abstract sealed class SandboxerException extends RuntimeException {
    private final String code;
    private final String hint;

    protected SandboxerException(String code, String message, String hint, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hint = hint == null ? "" : hint;
    }

    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    public abstract int exitCode();

    /** The request is wrong (bad input, unknown profile, TTL above maximum): nothing was changed. Exit 2. */
    public static final class Invalid extends SandboxerException {
        private final java.util.Optional<String> field;

        public Invalid(String code, String message, String hint) {
            super(code, message, hint, null);
            this.field = java.util.Optional.empty();
        }

        /** A refusal of one request field (the API answers it as the problem's {@code field}). */
        public Invalid(String code, String message, String hint, String field) {
            super(code, message, hint, null);
            this.field = java.util.Optional.of(field);
        }

        public java.util.Optional<String> field() {
            return field;
        }

        @Override
        public int exitCode() {
            return 2;
        }
    }

    /** No such sandbox (or not visible to this consumer). Exit 3. */
    public static final class NotFound extends SandboxerException {
        public NotFound(String what) {
            this(what, "run 'sandboxer list' to see the sandboxes you can use");
        }

        public NotFound(String what, String hint) {
            super("not-found", what + " not found", hint, null);
        }

        @Override
        public int exitCode() {
            return 3;
        }
    }

    /** The request conflicts with the current state (wrong state, idempotency key reused). Exit 4. */
    public static final class Conflict extends SandboxerException {
        public Conflict(String code, String message, String hint) {
            super(code, message, hint, null);
        }

        @Override
        public int exitCode() {
            return 4;
        }
    }

    /** A backend cannot be used now (tool missing, daemon down). Exit 5. */
    public static final class Unavailable extends SandboxerException {
        public Unavailable(String message, String hint) {
            super("backend-unavailable", message, hint, null);
        }

        @Override
        public int exitCode() {
            return 5;
        }
    }

    /** The backend failed to make or ready the sandbox; it is recorded as failed and nothing is left. Exit 6. */
    public static final class ProvisionFailed extends SandboxerException {
        private final String sandboxId;
        private final String diagnostics;

        public ProvisionFailed(String sandboxId, String message, String diagnostics, Throwable cause) {
            super("provision-failed", message, "run 'sandboxer describe " + sandboxId + "' for the full record",
                    cause);
            this.sandboxId = sandboxId;
            this.diagnostics = diagnostics == null ? "" : diagnostics;
        }

        public String sandboxId() {
            return sandboxId;
        }

        public String diagnostics() {
            return diagnostics;
        }

        @Override
        public int exitCode() {
            return 6;
        }
    }
}
