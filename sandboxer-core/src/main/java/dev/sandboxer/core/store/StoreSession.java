package dev.sandboxer.core.store;

import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxFilter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What can be done inside one transaction. */
public interface StoreSession {

    void insertSandbox(Sandbox sandbox);

    /**
     * Writes a new version of a sandbox if nobody else changed it since {@code sandbox.version()} was read.
     *
     * @return the stored sandbox with its new version
     * @throws ConcurrentChangeException if another writer got there first
     */
    Sandbox updateSandbox(Sandbox sandbox);

    Optional<Sandbox> findSandbox(String id);

    Optional<Sandbox> findByIdempotencyKey(String project, String key);

    Page<Sandbox> listSandboxes(SandboxFilter filter, Optional<String> cursor, int limit);

    long countSandboxes(SandboxFilter filter);

    void insertOperation(Operation operation);

    void updateOperation(Operation operation);

    List<Operation> operations(String sandboxId);

    /** One operation by its id, whichever sandbox it belongs to. */
    Optional<Operation> operation(String operationId);

    /** Appends an event and returns it with its sequence number. */
    SandboxEvent appendEvent(SandboxEvent event);

    List<SandboxEvent> events(Optional<String> sandboxId, long afterSeq, int limit);

    /** Host ports currently claimed by live sandboxes on a host. */
    Set<Integer> claimedPorts(String host);

    /**
     * Claims a port on a host for a sandbox; false if someone else holds it (unique constraint), so two
     * processes allocating at once can never both get it.
     */
    boolean claimPort(String host, int port, String sandboxId);

    void releasePorts(String sandboxId);

    // ---------------------------------------------------------------- leases and runners

    /** Records that a runner (a server process) is alive now; creates its row the first time. */
    void heartbeat(String runnerId, Instant at);

    /** Records which runner runs an operation, so its death can be told from a slow operation. */
    void assignRunner(String operationId, String runnerId);

    /** Ids of this sandbox's running operations whose runner's last heartbeat is before {@code cutoff}. */
    Set<String> operationsOfDeadRunners(String sandboxId, Instant cutoff);

    /** Live sandboxes (in {@code states}) whose expiry is before {@code before}, soonest first. */
    List<Sandbox> expiringBefore(Set<dev.sandboxer.core.model.SandboxState> states, Instant before, int limit);

    /**
     * Notes that the "expiring" warning for this sandbox and this expiry was given; false if it already was
     * (by any replica), so exactly one warning is emitted per expiry.
     */
    boolean markWarned(String sandboxId, Instant expiresAt);

    // ---------------------------------------------------------------- event outbox

    /** How far delivery to one sink got, and who holds it. */
    record OutboxCursor(String sink, long deliveredSeq, Optional<String> holder, Instant heldUntil, int attempts,
                        Instant nextAttemptAt, Optional<String> lastError) {
    }

    /**
     * Takes (or renews) the hold on a sink for {@code holder} until {@code until}, unless another holder's hold
     * is still current. A sink seen for the first time starts after the newest event: it gets what happens
     * from now on, not the whole history.
     */
    Optional<OutboxCursor> holdSink(String sink, String holder, Instant now, Instant until);

    /** Moves the sink's cursor after a delivered event and clears its failures; only for the holder. */
    void delivered(String sink, String holder, long seq);

    /** Records a failed delivery; the next attempt waits until {@code next}. */
    void deliveryFailed(String sink, String holder, int attempts, Instant next, String error);

    Optional<OutboxCursor> outboxCursor(String sink);

    // ---------------------------------------------------------------- API tokens

    /** A stored API token: the hash of its secret, never the secret. */
    record TokenRow(String id, String secretHash, Consumer consumer, Set<String> projects, Instant createdAt,
                    Optional<Instant> revokedAt) {
        public TokenRow {
            projects = Set.copyOf(projects);
        }
    }

    void insertToken(TokenRow token);

    Optional<TokenRow> findToken(String id);

    Optional<TokenRow> findTokenByHash(String secretHash);

    /** Every token, oldest first. */
    List<TokenRow> tokens();

    /** Marks a token revoked at {@code at} unless it already is; false when nothing changed. */
    boolean revokeToken(String id, Instant at);

    // ---------------------------------------------------------------- money (docs/billing.md)

    /** The ledger, meters and provider keys, in this transaction. */
    Books books();

    // ---------------------------------------------------------------- hosts (docs/hosts.md)

    /** The host registry, placements and telemetry, in this transaction. */
    HostTable hosts();
}
