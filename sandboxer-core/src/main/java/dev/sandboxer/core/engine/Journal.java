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
import java.util.Map;
import java.util.Optional;

/**
 * Records what happens: every state change is written with its operation and one CloudEvents-shaped event
 * in the same transaction, so the record and the event log can never disagree.
 */
final class Journal {
    private final Clock clock;

    Journal(Clock clock) {
        this.clock = clock;
    }

    Operation begin(StoreSession session, Sandbox sandbox, Verb verb, String reason, Consumer initiator) {
        Operation op = new Operation(Ids.operation(), sandbox.id(), verb, sandbox.state(), Optional.empty(), reason,
                initiator, OperationStatus.RUNNING, clock.instant(), Optional.empty(), Optional.empty());
        session.insertOperation(op);
        return op;
    }

    /** Moves the sandbox to {@code next}, emitting {@code dev.sandboxer.sandbox.<next>}. */
    Sandbox transition(StoreSession session, Sandbox sandbox, SandboxState next, Operation op) {
        if (sandbox.state() != next && !sandbox.state().canMoveTo(next)) {
            throw new SandboxerException.Conflict("invalid-state", "sandbox " + sandbox.id() + " is "
                    + sandbox.state().id() + " and cannot become " + next.id(), "");
        }
        Sandbox moved = session.updateSandbox(sandbox.withState(next, clock.instant()));
        emit(session, moved, next.id(), op, Map.of("from", sandbox.state().id(), "to", next.id()));
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

    private Operation end(StoreSession session, Operation op, OperationStatus status, SandboxState to,
                          Optional<String> error) {
        Operation ended = new Operation(op.id(), op.sandboxId(), op.verb(), op.fromState(), Optional.of(to),
                op.reason(), op.initiator(), status, op.startedAt(), Optional.of(clock.instant()), error);
        session.updateOperation(ended);
        return ended;
    }
}
