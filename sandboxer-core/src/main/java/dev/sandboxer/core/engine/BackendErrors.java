package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.transport.TransportException;

/** Turns what an extension or transport threw into the error a user sees, with the documented exit code. */
final class BackendErrors {
    private BackendErrors() {
    }

    static SandboxerException translate(RuntimeException e, String sandboxId, String verb) {
        return switch (e) {
            case SandboxerException known -> known;
            case ExtensionException.Unavailable u -> new SandboxerException.Unavailable(verb + " of " + sandboxId
                    + " failed: " + u.getMessage(), u.hint());
            case ExtensionException.Gone g -> new SandboxerException.Conflict("gone", verb + " of " + sandboxId
                    + " failed: " + g.getMessage(), "destroy it and create a new one");
            case ExtensionException.Unsupported u -> new SandboxerException.Invalid("unsupported", u.getMessage(),
                    "see 'sandboxer extensions list'");
            case TransportException t -> new SandboxerException.Unavailable(verb + " of " + sandboxId
                    + " failed: " + t.getMessage(), "see 'sandboxer doctor'");
            default -> new SandboxerException.Unavailable(verb + " of " + sandboxId + " failed: backend error: "
                    + e.getMessage(), "see 'sandboxer doctor', then try again");
        };
    }
}
