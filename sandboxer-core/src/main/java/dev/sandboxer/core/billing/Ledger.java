package dev.sandboxer.core.billing;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.ProjectId;
import dev.sandboxer.core.store.Books;
import dev.sandboxer.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A project's credits, double-entry and append-only. Each transaction moves an amount between the project's
 * {@code credits} account and one counter-account ({@code granted}, {@code spent}, {@code adjusted}), so its
 * rows sum to zero; a project's balance is the sum of its {@code credits} rows, derived on every read.
 */
public final class Ledger {
    public static final String CURRENCY = "USD";
    public static final String CREDITS = "credits";
    public static final String GRANTED = "granted";
    public static final String SPENT = "spent";
    public static final String ADJUSTED = "adjusted";

    /** A project's position: balance is derived; reserved is held by its live sandboxes' estimates. */
    public record Balance(String project, String currency, long balance, long reserved, long available,
                          long granted, long spent, boolean enforced) {
    }

    /**
     * The project's credits rows in a period, with the balance before and after; {@code charges} is what
     * sandboxes were charged in the period net of refunds (the billing export's total).
     */
    public record Statement(String project, String currency, Instant from, Instant to, long opening, long closing,
                            long charges, List<Line> lines) {
    }

    /** One movement of the project's credits. */
    public record Line(long seq, Instant at, String kind, long amount, Optional<String> sandboxId,
                       Optional<String> operationId, Optional<String> sheetVersion, String memo) {
    }

    private final Store store;
    private final Clock clock;
    private final BillingSettings settings;

    public Ledger(Store store, BillingSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Adds credits to a project. */
    public Balance grant(String project, long amount, String memo) {
        requirePositive(amount, "grant");
        requireMemo(memo);
        return post(project, GRANTED, amount, "grant", Optional.empty(), memo);
    }

    /** Gives back part of what a sandbox was charged. */
    public Balance refund(String project, String sandboxId, long amount, String memo) {
        requirePositive(amount, "refund");
        requireMemo(memo);
        return store.write(s -> {
            long charged = s.books().entries(project, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE)).stream()
                    .filter(e -> e.account().equals(SPENT) && e.sandboxId().equals(Optional.of(sandboxId)))
                    .mapToLong(Books.Entry::amount).sum();
            if (amount > charged) {
                throw new SandboxerException.Invalid("refund-too-large", "sandbox " + sandboxId + " of project "
                        + project + " was charged " + Money.format(charged, CURRENCY) + " net; cannot refund "
                        + Money.format(amount, CURRENCY), "refund at most " + charged);
            }
            s.books().post(pair(project, SPENT, amount, "refund", Optional.of(sandboxId), Optional.empty(),
                    Optional.empty(), memo, clock.instant()));
            return balance(s.books(), project);
        });
    }

    /** Corrects a balance by a signed amount, with a reason. */
    public Balance adjust(String project, long amount, String memo) {
        if (amount == 0) {
            throw new SandboxerException.Invalid("invalid-amount", "an adjustment must not be zero", "");
        }
        requireMemo(memo);
        return post(project, ADJUSTED, amount, "adjustment", Optional.empty(), memo);
    }

    private Balance post(String project, String from, long amount, String kind, Optional<String> sandboxId,
                         String memo) {
        requireProject(project);
        return store.write(s -> {
            s.books().post(pair(project, from, amount, kind, sandboxId, Optional.empty(), Optional.empty(), memo,
                    clock.instant()));
            return balance(s.books(), project);
        });
    }

    public Balance balance(String project) {
        requireProject(project);
        return store.read(s -> balance(s.books(), project));
    }

    Balance balance(Books books, String project) {
        long balance = books.balance(project, CREDITS);
        long reserved = books.outstanding(project);
        return new Balance(project, CURRENCY, balance, reserved, balance - reserved, -books.balance(project, GRANTED),
                books.balance(project, SPENT), settings.enforce() || books.hasAccount(project));
    }

    public Statement statement(String project, Instant from, Instant to) {
        requireProject(project);
        return store.read(s -> {
            long opening = s.books().entries(project, Instant.EPOCH, from).stream()
                    .filter(e -> e.account().equals(CREDITS)).mapToLong(Books.Entry::amount).sum();
            List<Books.Entry> rows = s.books().entries(project, from, to);
            List<Line> lines = rows.stream().filter(e -> e.account().equals(CREDITS))
                    .map(e -> new Line(e.seq(), e.createdAt(), e.kind(), e.amount(), e.sandboxId(), e.operationId(),
                            e.sheetVersion(), e.memo())).toList();
            long charges = rows.stream().filter(e -> e.account().equals(SPENT))
                    .mapToLong(Books.Entry::amount).sum();
            return new Statement(project, CURRENCY, from, to, opening,
                    opening + lines.stream().mapToLong(Line::amount).sum(), charges, lines);
        });
    }

    /**
     * The two rows of one transaction: {@code amount} into the project's credits, out of {@code counter}
     * (a charge passes a negative amount: out of credits, into spent).
     */
    static List<Books.Entry> pair(String project, String counter, long amount, String kind,
                                  Optional<String> sandboxId, Optional<String> operationId,
                                  Optional<String> sheetVersion, String memo, Instant at) {
        String txn = "tx-" + UUID.randomUUID();
        String clipped = memo.length() > 255 ? memo.substring(0, 255) : memo;
        return List.of(
                new Books.Entry(0, txn, project, CREDITS, amount, kind, sandboxId, operationId, sheetVersion,
                        clipped, at),
                new Books.Entry(0, txn, project, counter, -amount, kind, sandboxId, operationId, sheetVersion,
                        clipped, at));
    }

    private static void requirePositive(long amount, String what) {
        if (amount <= 0) {
            throw new SandboxerException.Invalid("invalid-amount", what + " amount must be a positive number of "
                    + "minor units (cents), not " + amount, "e.g. 1000 for 10.00 " + CURRENCY);
        }
    }

    /**
     * A memo every store can keep: PostgreSQL cannot store a NUL character in text (SQLite would), so it is
     * refused here, the same on both, rather than failing the store's statement.
     */
    private static void requireMemo(String memo) {
        if (memo != null && memo.indexOf('\u0000') >= 0) {
            throw new SandboxerException.Invalid("invalid-memo", "a memo must not contain a NUL character (U+0000)",
                    "remove it from the memo");
        }
    }

    static String requireProject(String project) {
        try {
            return ProjectId.require(project);
        } catch (IllegalArgumentException e) {
            throw new SandboxerException.Invalid("invalid-project", e.getMessage(), "");
        }
    }
}
