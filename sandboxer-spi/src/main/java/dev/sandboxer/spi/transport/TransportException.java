package dev.sandboxer.spi.transport;

/** The command could not be started, or the host could not be reached. */
public class TransportException extends RuntimeException {
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
