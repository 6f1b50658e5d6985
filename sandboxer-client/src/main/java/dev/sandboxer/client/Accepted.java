package dev.sandboxer.client;

import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Sandbox;
import java.util.Optional;

/**
 * The server's answer to a create: the sandbox as recorded and, while it is still being made (HTTP 202), the
 * operation to poll. A create that waited and finished (HTTP 201) has no operation.
 */
public record Accepted(Sandbox sandbox, Optional<Operation> operation) {

    /** Whether provisioning is over (ready, or for an idempotent replay whatever state it has reached). */
    public boolean settled() {
        return Settling.settled(sandbox);
    }
}
