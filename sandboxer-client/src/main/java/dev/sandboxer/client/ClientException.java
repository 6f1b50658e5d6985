package dev.sandboxer.client;

/**
 * Failures of talking to the server that are not the engine's own: every answer the engine gives (not found,
 * conflict, provision failed...) arrives as the same {@link dev.sandboxer.core.error.SandboxerException} an
 * embedded caller would get. These are the rest: who you are, whether the server is there, whether its answer
 * made sense. Like the engine's, each carries a stable code and a hint.
 */
public abstract sealed class ClientException extends RuntimeException {
    private final String code;
    private final String hint;

    ClientException(String code, String message, String hint, Throwable cause) {
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

    /**
     * 401 (no token, a malformed, unknown or revoked one: code {@code unauthenticated}) or 403 (an agent or
     * automation token on an operator route: code {@code forbidden}).
     */
    public static final class AccessDenied extends ClientException {
        private final int status;

        public AccessDenied(int status, String code, String message, String hint) {
            super(code, message, hint, null);
            this.status = status;
        }

        public int status() {
            return status;
        }

        public boolean unauthenticated() {
            return status == 401;
        }
    }

    /** The server could not be reached, or did not answer in time. */
    public static final class Unreachable extends ClientException {
        public Unreachable(String message, String hint, Throwable cause) {
            super("server-unreachable", message, hint, cause);
        }
    }

    /** The server answered something this client cannot read: another program on that port, or a server bug. */
    public static final class UnexpectedAnswer extends ClientException {
        private final int status;

        public UnexpectedAnswer(int status, String message) {
            super("unexpected-answer", message, "check that the URL points at a sand-boxer server of a matching "
                    + "version", null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
