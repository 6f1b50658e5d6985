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

    // ---------------------------------------------------------------- hosts (docs/hosts.md)

    /** The host registry, placements and telemetry, in this transaction. */
    HostTable hosts();
}
