package dev.sandboxer.core.access;

/**
 * A token just made, with its secret: the only time the secret exists outside its holder's hands.
 * {@link #toString()} leaves the secret out so it cannot slip into a log by accident.
 */
public record IssuedToken(Token token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=(hidden)]";
    }
}
