package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.OperationStatus;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.core.store.StoreSession;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records what happens: every state change is written with its operation and one CloudEvents-shaped event
 * in the same transaction, so the record and the event log can never disagree. Every state write goes
 * through {@link #transition}, which refuses moves the state machine does not allow (including "to the
 * same state"), so two racing writers can't both act.
 */
final class Journal {
    private final Clock clock;
    /** The server process this engine runs in, when it heartbeats (see {@link LeaseKeeper}); else null. */
    private volatile String runnerId;

    Journal(Clock clock) {
        this.clock = clock;
    }

    void runAs(String id) {
        this.runnerId = id;
    }

    Operation begin(StoreSession session, Sandbox sandbox, Verb verb, String reason, Consumer initiator) {
        Operation op = new Operation(Ids.operation(), sandbox.id(), verb, sandbox.state(), Optional.empty(), reason,
                initiator, OperationStatus.RUNNING, clock.instant(), Optional.empty(), Optional.empty());
        session.insertOperation(op);
        String runner = runnerId;
        if (runner != null) {
            session.assignRunner(op.id(), runner);
        }
        return op;
    }

    /** Moves the sandbox to {@code next}, emitting {@code dev.sandboxer.sandbox.<next>}. */
    Sandbox transition(StoreSession session, Sandbox sandbox, SandboxState next, Operation op) {
        return transition(session, sandbox, sandbox.withState(next, clock.instant()), op, Map.of());
    }

    /**
     * Writes {@code changed} (whose state is the target) as a transition from {@code sandbox}'s state,
     * with extra event data.
     */
    Sandbox transition(StoreSession session, Sandbox sandbox, Sandbox changed, Operation op,
                       Map<String, Object> extra) {
        SandboxState next = changed.state();
        if (!sandbox.state().canMoveTo(next)) {
            throw new SandboxerException.Conflict("invalid-state", "sandbox " + sandbox.id() + " is "
                    + sandbox.state().id() + " and cannot become " + next.id(), "");
        }
        Sandbox moved = session.updateSandbox(changed);
        Map<String, Object> data = new LinkedHashMap<>(Map.of("from", sandbox.state().id(), "to", next.id()));
        data.putAll(extra);
        emit(session, moved, next.id(), op, data);
        return moved;
    }

    void emit(StoreSession session, Sandbox sandbox, String what, Operation op, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("operation", op.id());
        data.put("verb", op.verb().id());
        data.put("reason", op.reason());
        data.put("initiator", op.initiator().toString());
        data.putAll(extra);
        session.appendEvent(new SandboxEvent(0, Ids.event(), SandboxEvent.TYPE_PREFIX + what, sandbox.id(),
                clock.instant(), sandbox.project(), data));
    }

    Operation succeed(StoreSession session, Operation op, SandboxState to) {
        return end(session, op, OperationStatus.SUCCEEDED, to, Optional.empty());
    }

    Operation fail(StoreSession session, Operation op, SandboxState to, String error) {
        return end(session, op, OperationStatus.FAILED, to, Optional.of(error));
    }

    /**
     * Closes operations left running by a process that died or was overtaken, so no operation stays
     * "running" for ever.
     */
    void interruptRunning(StoreSession session, String sandboxId, SandboxState at, String why) {
        List<Operation> running = session.operations(sandboxId).stream()
                .filter(o -> o.status() == OperationStatus.RUNNING).toList();
        running.forEach(o -> end(session, o, OperationStatus.INTERRUPTED, at, Optional.of(why)));
    }

    private Operation end(StoreSession session, Operation op, OperationStatus status, SandboxState to,
                          Optional<String> error) {
        Operation ended = new Operation(op.id(), op.sandboxId(), op.verb(), op.fromState(), Optional.of(to),
                op.reason(), op.initiator(), status, op.startedAt(), Optional.of(clock.instant()), error);
        session.updateOperation(ended);
        return ended;
    }
}
