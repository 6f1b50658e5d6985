package dev.sandboxer.core.engine;

import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.spi.Progress;
import java.util.function.Function;

/**
 * A create whose intent is recorded: the sandbox (state {@code requested}) and its operation, and the
 * provisioning still to run. For an idempotent replay there is nothing to run.
 *
 * @param replayed whether this is the sandbox an earlier create with the same idempotency key made
 */
public record Creation(Sandbox sandbox, Operation operation, boolean replayed, Function<Progress, Sandbox> work) {

    Creation(Sandbox sandbox, Operation operation, Function<Progress, Sandbox> work) {
        this(sandbox, operation, false, work);
    }

    static Creation replayed(Sandbox sandbox, Operation operation) {
        return new Creation(sandbox, operation, true, progress -> sandbox);
    }

    /** Provisions the sandbox and waits until it is ready; throws as create does when it fails. */
    public Sandbox finish(Progress progress) {
        return work.apply(progress);
    }
}
