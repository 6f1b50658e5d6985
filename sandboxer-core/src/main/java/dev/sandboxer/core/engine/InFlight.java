package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import dev.sandboxer.core.store.StoreSession;

/**
 * Decides whether a create, recreate or destroy is running right now in some process. Such an operation is
 * "running" in the store; if it has run longer than any of them can, its process died and it may be taken
 * over. This keeps two processes from destroying (or reaping) one sandbox at once.
 */
final class InFlight {
    /** Longer than any create (image start + readiness timeout) or destroy should take. */
    static final Duration STALE_AFTER = Duration.ofMinutes(15);

    /** By default a runner (a server process) that has not said it is alive for this long has died. */
    static final Duration RUNNER_DEAD_AFTER = Duration.ofSeconds(30);

    private final Clock clock;
    private volatile Duration runnerDeadAfter = RUNNER_DEAD_AFTER;

    InFlight(Clock clock) {
        this.clock = clock;
    }

    void runnerDeadAfter(Duration after) {
        this.runnerDeadAfter = after;
    }

    /**
     * The operation still in progress elsewhere, if any. One whose runner (a server replica) stopped
     * heartbeating is not: that replica died (SIGKILL, power loss), and the operation may be taken over now.
     */
    Optional<Operation> active(StoreSession session, String sandboxId) {
        Set<String> dead = session.operationsOfDeadRunners(sandboxId, clock.instant().minus(runnerDeadAfter));
        return active(session.operations(sandboxId).stream().filter(o -> !dead.contains(o.id())).toList());
    }

    void requireIdle(StoreSession session, Sandbox sandbox) {
        requireIdle(active(session, sandbox.id()), sandbox);
    }

    /** The operation still in progress elsewhere, if any (exec and extend never block others). */
    Optional<Operation> active(List<Operation> operations) {
        return operations.stream()
                .filter(o -> o.status() == OperationStatus.RUNNING)
                .filter(o -> switch (o.verb()) {
                    case CREATE, RECREATE, DESTROY, REAP -> true;
                    default -> false;
                })
                .filter(o -> o.startedAt().plus(STALE_AFTER).isAfter(clock.instant()))
                .findFirst();
    }

    private static void requireIdle(Optional<Operation> active, Sandbox sandbox) {
        active.ifPresent(o -> {
            throw new SandboxerException.Conflict("in-progress", "sandbox " + sandbox.id() + " is being "
                    + (o.verb().id().endsWith("e") ? o.verb().id() + "d" : o.verb().id() + "ed") + " by "
                    + o.initiator() + " (operation " + o.id() + ", started " + o.startedAt() + ")",
                    "wait for it to finish, then try again");
        });
    }
}
