package dev.sandboxer.server;

import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.SandboxEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sandbox an operation id belongs to, for {@code GET /v1/operations/{id}}. The engine looks operations
 * up by sandbox only, so this index learns them from the creates this server begins and from the event log
 * (every event names its operation), reading only events it has not read before.
 *
 * <p>Interim: an engine lookup of an operation by id makes this class unnecessary.
 */
final class OperationIndex {
    private static final int BATCH = 1000;

    private final SandboxEngine engine;
    private final Map<String, String> sandboxByOperation = new ConcurrentHashMap<>();
    private long readUpTo;

    OperationIndex(SandboxEngine engine) {
        this.engine = engine;
    }

    void remember(String operationId, String sandboxId) {
        sandboxByOperation.put(operationId, sandboxId);
    }

    Optional<String> sandboxOf(String operationId) {
        String known = sandboxByOperation.get(operationId);
        if (known != null) {
            return Optional.of(known);
        }
        catchUp();
        return Optional.ofNullable(sandboxByOperation.get(operationId));
    }

    private synchronized void catchUp() {
        List<SandboxEvent> batch;
        do {
            batch = engine.events(Optional.empty(), Scope.ALL, readUpTo, BATCH);
            for (SandboxEvent event : batch) {
                if (event.data().get("operation") instanceof String operation) {
                    sandboxByOperation.putIfAbsent(operation, event.subject());
                }
                readUpTo = event.seq();
            }
        } while (batch.size() == BATCH);
    }
}
