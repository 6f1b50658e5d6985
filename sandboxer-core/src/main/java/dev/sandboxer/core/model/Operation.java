package dev.sandboxer.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One verb applied to one sandbox: immutable once ended.
 *
 * @param reason why: {@code user}, {@code ttl}, {@code orphan}, {@code policy}, ...
 * @param error  for failed operations, what went wrong (never a secret)
 */
public record Operation(String id, String sandboxId, Verb verb, SandboxState fromState,
                        Optional<SandboxState> toState, String reason, Consumer initiator, OperationStatus status,
                        Instant startedAt, Optional<Instant> endedAt, Optional<String> error) {
}
