package dev.sandboxer.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The money tables inside one transaction: the append-only ledger, the per-sandbox meters and the sealed
 * provider keys. Amounts are integer minor units. There is no update or delete of a ledger entry.
 */
public interface Books {

    /** One row of the ledger; the rows of one {@code txnId} sum to zero. */
    record Entry(long seq, String txnId, String project, String account, long amount, String kind,
                 Optional<String> sandboxId, Optional<String> operationId, Optional<String> sheetVersion,
                 String memo, Instant createdAt) {
    }

    /** A sandbox's meter: see V40__ledger.sql. */
    record Meter(String sandboxId, String project, String extensionId, String sheetJson, String sheetVersion,
                 boolean ownKey, long reserved, long charged, Instant meteredUntil, Optional<Instant> closedAt) {
        public Meter withCharge(long newCharged, Instant until, Optional<Instant> closed) {
            return new Meter(sandboxId, project, extensionId, sheetJson, sheetVersion, ownKey, reserved, newCharged,
                    until, closed);
        }

        public Meter withReserved(long newReserved) {
            return new Meter(sandboxId, project, extensionId, sheetJson, sheetVersion, ownKey, newReserved, charged,
                    meteredUntil, closedAt);
        }

        /** What is still held against the balance: reserved but not yet charged. */
        public long outstanding() {
            return closedAt.isPresent() ? 0 : Math.max(0, reserved - charged);
        }
    }

    /** A provider key as stored: ciphertext and the id of the key that sealed it, never the key itself. */
    record SealedKey(String project, String extensionId, String kekId, String ciphertext, Instant createdAt) {
    }

    /** Appends the rows of one transaction; refuses rows that do not sum to zero. */
    void post(List<Entry> rows);

    /** A project's entries with {@code from <= created_at < to}, in order. */
    List<Entry> entries(String project, Instant from, Instant to);

    /** Sum of a project's rows on one account. */
    long balance(String project, String account);

    /** Whether the project was ever granted or adjusted credits (then its budget is enforced). */
    boolean hasAccount(String project);

    void insertMeter(Meter meter);

    Optional<Meter> meter(String sandboxId);

    /** Meters not closed yet, oldest sandbox first. */
    List<Meter> openMeters();

    /** What a project's open meters still hold against its balance: reserved minus charged, summed. */
    long outstanding(String project);

    /** A project's meters (open and closed). */
    List<Meter> meters(String project);

    /**
     * Writes a meter's charge, reservation and closing if nobody changed its charge since it was read;
     * false when someone did (the caller's work was done by another process).
     */
    boolean updateMeter(Meter meter, long chargedAsRead);

    void putKey(SealedKey key);

    Optional<SealedKey> key(String project, String extensionId);

    List<SealedKey> keys(String project);

    List<SealedKey> allKeys();

    boolean deleteKey(String project, String extensionId);
}
