package dev.sandboxer.core.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.profile.Durations;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.store.Books;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.core.store.StoreSession;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.PriceSheet;
import dev.sandboxer.spi.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's one door to money: estimate before anything is made, reserve the estimate against the
 * project's budget in the transaction that records the intent (so two creates at once cannot spend the same
 * credits: SQLite serializes write transactions), charge usage at checkpoints and close the meter once the
 * sandbox is destroyed.
 */
public final class Billing {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What a request is expected to cost, before anything is provisioned. */
    public record Estimate(String extensionId, String sheetVersion, String currency, long amount, boolean ownKey,
                           long cpuMillis, long memoryBytes, String ttl) {
    }

    /** Question 7 of describe: usage so far and what it cost. */
    public record Cost(String sheetVersion, String currency, Usage usage, long amountSoFar, long charged,
                       long reserved, boolean ownKey) {
    }

    /** A checkpoint's outcome: how much was charged now, and live sandboxes whose project ran out. */
    public record Checkpoint(int metered, long charged, List<String> overBudget) {
    }

    private final Store store;
    private final BillingSettings settings;
    private final PriceSheets sheets;
    private final Ledger ledger;
    private final ProviderKeys keys;
    private final Clock clock;

    public Billing(Store store, BillingSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.sheets = new PriceSheets(settings.priceOverrides());
        this.ledger = new Ledger(store, settings, clock);
        this.keys = new ProviderKeys(store, settings, clock);
        this.clock = clock;
    }

    public Ledger ledger() {
        return ledger;
    }

    public ProviderKeys keys() {
        return keys;
    }

    /** Per-project, per-period lines that reconcile with the ledger. */
    public BillingExport export() {
        return new BillingExport(store);
    }

    public BillingSettings settings() {
        return settings;
    }

    public PriceSheet sheet(Extension extension) {
        return sheets.inForce(extension);
    }

    /** Estimates a request: the extension's {@code estimateCost} under the sheet in force. */
    public Estimate estimate(Extension extension, Resources resources, Duration ttl, String project) {
        PriceSheet sheet = sheet(extension);
        boolean ownKey = store.read(s -> s.books().key(project, extension.descriptor().id()).isPresent());
        long amount = policy(extension.estimateCost(resources, ttl, sheet), ownKey);
        return new Estimate(extension.descriptor().id(), sheet.version(), sheet.currency(), amount, ownKey,
                resources.cpuMillis(), resources.memoryBytes(), Durations.format(ttl));
    }

    /** A sandbox on the project's own provider key pays the platform fee only. */
    private long policy(long cost, boolean ownKey) {
        return ownKey ? cost * settings.ownKeyFeePercent() / 100 : cost;
    }

    // ---------------------------------------------------------------- inside the engine's transactions

    /**
     * Checks the budget and opens the sandbox's meter with the estimate reserved, in the transaction that
     * records the create intent; a refusal rolls the whole intent back.
     */
    public void open(StoreSession session, Sandbox intent, Extension extension, Estimate estimate) {
        Books books = session.books();
        requireBudget(books, intent.project(), estimate.amount(), "create of a " + intent.profile().id()
                + " sandbox for " + estimate.ttl(), estimate.sheetVersion());
        PriceSheet sheet = sheet(extension);
        books.insertMeter(new Books.Meter(intent.id(), intent.project(), extension.descriptor().id(), write(sheet),
                sheet.version(), estimate.ownKey(), estimate.amount(), 0, intent.createdAt(), Optional.empty()));
    }

    /** Reserves the cost of {@code by} more time for an extend, or refuses it; in the extend's transaction. */
    public void extend(StoreSession session, Sandbox sandbox, Duration by) {
        Books books = session.books();
        Optional<Books.Meter> meter = books.meter(sandbox.id());
        if (meter.isEmpty() || meter.get().closedAt().isPresent()) {
            return;
        }
        Books.Meter m = meter.get();
        PriceSheet sheet = read(m.sheetJson());
        long extra = policy(sheet.cost(resources(sandbox), by.toMillis(), 0), m.ownKey());
        requireBudget(books, sandbox.project(), extra, "extend of " + sandbox.id() + " by "
                + Durations.format(by), m.sheetVersion());
        books.updateMeter(m.withReserved(m.reserved() + extra), m.charged());
    }

    private void requireBudget(Books books, String project, long amount, String what, String sheetVersion) {
        Long cap = settings.spendCaps().get(project);
        boolean enforced = settings.enforce() || books.hasAccount(project);
        if (cap == null && !enforced) {
            return;   // the zero-config path: no reads beyond one indexed probe
        }
        long outstanding = books.outstanding(project);
        if (cap != null) {
            long spent = books.balance(project, Ledger.SPENT);
            if (spent + outstanding + amount > cap) {
                throw new SandboxerException.Conflict("spend-cap", "project " + project + " would pass its spend "
                        + "cap of " + Money.format(cap, Ledger.CURRENCY) + ": " + what + " is estimated at "
                        + Money.format(amount, Ledger.CURRENCY) + " (sheet " + sheetVersion + "); already spent "
                        + Money.format(spent, Ledger.CURRENCY) + ", reserved " + Money.format(outstanding,
                        Ledger.CURRENCY), "ask an operator to raise spend-cap." + project + ", or use a shorter TTL");
            }
        }
        if (!enforced) {
            return;
        }
        long balance = books.balance(project, Ledger.CREDITS);
        long available = balance - outstanding;
        if (amount > available) {
            throw new SandboxerException.Conflict("insufficient-credits", "project " + project + " has "
                    + Money.format(available, Ledger.CURRENCY) + " available (balance " + Money.format(balance,
                    Ledger.CURRENCY) + ", " + Money.format(outstanding, Ledger.CURRENCY) + " reserved by live "
                    + "sandboxes); " + what + " is estimated at " + Money.format(amount, Ledger.CURRENCY)
                    + " (sheet " + sheetVersion + ")", "grant credits with 'sandboxer credits grant --project "
                    + project + " --amount " + Math.max(1, amount - available) + "', or use a shorter TTL");
        }
    }

    // ---------------------------------------------------------------- metering

    /** Charges every open meter up to now, closes those whose sandbox is destroyed, lists who ran out. */
    public Checkpoint checkpoint() {
        List<Books.Meter> open = store.read(s -> s.books().openMeters());
        long total = 0;
        Set<String> projects = new LinkedHashSet<>();
        for (Books.Meter m : open) {
            total += charge(m.sandboxId());
            projects.add(m.project());
        }
        List<String> over = new ArrayList<>();
        for (String project : projects) {
            over.addAll(store.read(s -> overBudget(s, project)));
        }
        return new Checkpoint(open.size(), total, over);
    }

    /** Live sandboxes of a project whose balance is at zero (or past the allowed overdraft). */
    private List<String> overBudget(StoreSession s, String project) {
        Books books = s.books();
        if (!settings.enforce() && !books.hasAccount(project)) {
            return List.of();
        }
        if (books.balance(project, Ledger.CREDITS) > -settings.overdraft()) {
            return List.of();
        }
        return books.openMeters().stream().filter(m -> m.project().equals(project))
                .map(m -> s.findSandbox(m.sandboxId())).flatMap(Optional::stream)
                .filter(sb -> sb.state() == SandboxState.READY || sb.state() == SandboxState.PAUSED)
                .map(Sandbox::id).toList();
    }

    /**
     * Charges one sandbox's usage up to now in one transaction: the ledger entry and the meter's new total are
     * written together, so a crash either keeps both or neither. A destroyed sandbox's meter is closed here,
     * exactly once (a closed meter is never charged again).
     *
     * @return minor units charged now
     */
    public long charge(String sandboxId) {
        return store.write(s -> {
            Optional<Books.Meter> found = s.books().meter(sandboxId);
            if (found.isEmpty() || found.get().closedAt().isPresent()) {
                return 0L;
            }
            Books.Meter m = found.get();
            Sandbox sandbox = s.findSandbox(sandboxId).orElseThrow();
            Instant now = clock.instant();
            long cost = costUpTo(m, sandbox, s.events(Optional.of(sandboxId), 0, 10_000), now);
            long delta = Math.max(0, cost - m.charged());
            if (delta > 0) {
                s.books().post(Ledger.pair(m.project(), Ledger.SPENT, -delta, "charge", Optional.of(sandboxId),
                        Optional.empty(), Optional.of(m.sheetVersion()), "usage of " + sandboxId + " to " + now, now));
            }
            boolean ended = sandbox.state() == SandboxState.DESTROYED;
            long reserved = sandbox.state().isLive() ? m.reserved() : m.charged() + delta;
            Books.Meter next = m.withCharge(m.charged() + delta, now, ended ? Optional.of(now) : Optional.empty())
                    .withReserved(reserved);
            if (!s.books().updateMeter(next, m.charged())) {
                throw new IllegalStateException("meter of " + sandboxId + " changed inside a write transaction");
            }
            return delta;
        });
    }

    private long costUpTo(Books.Meter m, Sandbox sandbox, List<SandboxEvent> events, Instant until) {
        Usage usage = Usage.of(events, until);
        return policy(read(m.sheetJson()).cost(resources(sandbox), usage.runningMillis(), usage.pausedMillis()),
                m.ownKey());
    }

    /** What describe shows: usage and cost up to now, and what is charged and reserved. */
    public Optional<Cost> cost(Sandbox sandbox, List<SandboxEvent> events) {
        return store.read(s -> s.books().meter(sandbox.id())).map(m -> {
            Instant until = m.closedAt().orElse(clock.instant());
            Usage usage = Usage.of(events, until);
            return new Cost(m.sheetVersion(), read(m.sheetJson()).currency(), usage,
                    costUpTo(m, sandbox, events, until), m.charged(), m.outstanding(), m.ownKey());
        });
    }

    static Resources resources(Sandbox sandbox) {
        return new Resources(sandbox.resources().cpuMillis(), sandbox.resources().memoryBytes());
    }

    static String write(PriceSheet sheet) {
        try {
            return JSON.writeValueAsString(sheet);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static PriceSheet read(String json) {
        try {
            return JSON.readValue(json, PriceSheet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored price sheet cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
