package dev.sandboxer.core.engine;

import static dev.sandboxer.core.engine.EngineFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.billing.BillingExport;
import dev.sandboxer.core.billing.BillingSettings;
import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.store.Books;
import dev.sandboxer.spi.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Question 7 end to end on the reference extension. Its sheet makes one 0.5 vCPU / 256 MiB sandbox cost
 * 10,000 + 1,250 + 277.7… micros per running second, so: 30 min = 20,750,000 micros = 20 cents (rounded down),
 * 10 min = 6,916,666 micros = 6 cents, 1 h = 41,500,000 micros = 41 cents.
 *
 * <p>What billing must do whatever database the store is on: {@link SqliteBillingTest} and
 * {@link PostgresBillingTest} run these same tests, each on a fresh database.
 */
abstract class BillingTest {
    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

    final List<BilledEngine> opened = new ArrayList<>();
    private String url;

    /** Makes this test's empty database and returns its JDBC URL; every engine of the test opens it. */
    abstract String createDatabase();

    /** Removes the database once every store on it is closed. */
    abstract void dropDatabase(String url);

    @BeforeEach
    void database() {
        url = createDatabase();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(BilledEngine::close);
        if (url != null) {
            dropDatabase(url);
        }
    }

    private BilledEngine open(BillingSettings settings) {
        return open(new MutableClock(START), settings);
    }

    private BilledEngine open(MutableClock clock, BillingSettings settings) {
        BilledEngine e = new BilledEngine(url, clock, settings);
        opened.add(e);
        return e;
    }

    private static Sandbox create(BilledEngine b, String project, Duration ttl) {
        return b.engine.create(b.request(project, ttl), Progress.NONE);
    }

    @Test
    void estimateIsTheSheetTimesResourcesTimesTtl() {
        BilledEngine b = open(BillingSettings.defaults());
        var estimate = b.engine.estimate("basic", Map.of(), Optional.of(Duration.ofMinutes(30)), "p1");
        assertThat(estimate.amount()).isEqualTo(20);
        assertThat(estimate.sheetVersion()).isEqualTo("reference-1");
        assertThat(b.engine.estimate("basic", Map.of(), Optional.of(Duration.ofHours(1)), "p1").amount())
                .isEqualTo(41);
    }

    @Test
    void operatorOverrideChangesPricesAndTheSheetVersion() {
        BilledEngine b = open(BillingSettings.defaults().withPrice("reference", "vcpu-second", 40_000));
        var estimate = b.engine.estimate("basic", Map.of(), Optional.of(Duration.ofMinutes(30)), "p1");
        // cpu doubles: 36,000,000 + 2,250,000 + 500,000 micros
        assertThat(estimate.amount()).isEqualTo(38);
        assertThat(estimate.sheetVersion()).startsWith("reference-1+op-");
    }

    @Test
    void aProjectWithoutCreditsIsNotCheckedUnlessEnforced() {
        BilledEngine free = open(BillingSettings.defaults());
        assertThat(create(free, "p1", Duration.ofMinutes(30)).state()).isEqualTo(SandboxState.READY);

        BilledEngine strict = open(BillingSettings.defaults().withEnforce(true));
        assertThatThrownBy(() -> create(strict, "p2", Duration.ofMinutes(30)))
                .isInstanceOf(SandboxerException.Conflict.class).hasMessageContaining("0.00 USD available");
    }

    @Test
    void usageChargedToAProjectNeverGrantedCreditsDoesNotStartEnforcingItsBudget() {
        BilledEngine b = open(BillingSettings.defaults());
        Sandbox first = create(b, "p1", Duration.ofMinutes(30));
        b.clock.advance(Duration.ofMinutes(30));
        b.engine.destroy(first.id(), ALICE, "user", Scope.ALL);
        assertThat(b.billing.ledger().balance("p1").balance()).isEqualTo(-20);
        assertThat(b.billing.ledger().balance("p1").enforced()).isFalse();
        assertThat(create(b, "p1", Duration.ofMinutes(30)).state()).isEqualTo(SandboxState.READY);
        assertThat(b.engine.checkpointCosts(ALICE)).as("nothing stopped for an unbudgeted project").isEmpty();
    }

    @Test
    void createIsRefusedWithTheNumbersWhenTheBudgetIsShort() {
        BilledEngine b = open(BillingSettings.defaults());
        b.billing.ledger().grant("p1", 15, "trial");
        assertThatThrownBy(() -> create(b, "p1", Duration.ofMinutes(30)))
                .isInstanceOf(SandboxerException.Conflict.class)
                .satisfies(e -> assertThat(((SandboxerException) e).code()).isEqualTo("insufficient-credits"))
                .hasMessageContaining("0.15 USD available").hasMessageContaining("estimated at 0.20 USD");
        assertThat(b.engine.list(SandboxFilter.ALL, Scope.ALL, Optional.empty(), 100).items()).isEmpty();
        // A shorter TTL fits: 10 min is 6 cents.
        assertThat(create(b, "p1", Duration.ofMinutes(10)).state()).isEqualTo(SandboxState.READY);
        assertThat(b.billing.ledger().balance("p1").available()).isEqualTo(9);
    }

    @Test
    void aFailedCreateGivesItsReservationBackAtOnce() {
        BilledEngine b = open(BillingSettings.defaults());
        b.billing.ledger().grant("p1", 25, "room for one");
        CreateRequest doomed = new CreateRequest("doomed", Map.of(), "p1", ALICE,
                Optional.of(Duration.ofMinutes(30)), Map.of(), Optional.empty());
        assertThatThrownBy(() -> b.engine.create(doomed, Progress.NONE))
                .isInstanceOf(SandboxerException.ProvisionFailed.class);
        assertThat(b.billing.ledger().balance("p1").reserved()).isZero();
        assertThat(create(b, "p1", Duration.ofMinutes(30)).state()).isEqualTo(SandboxState.READY);
    }

    @Test
    void aMemoNoStoreCanHoldIsRefusedPlainlyAndNothingIsPosted() {
        // SQLite keeps a NUL character; PostgreSQL cannot store one in text: both refuse it before the store.
        BilledEngine b = open(BillingSettings.defaults());
        b.billing.ledger().grant("p1", 100, "grant");
        Sandbox sandbox = create(b, "p1", Duration.ofMinutes(30));
        b.clock.advance(Duration.ofMinutes(30));
        b.engine.destroy(sandbox.id(), ALICE, "user", Scope.ALL);
        var before = b.billing.ledger().balance("p1");
        assertThatThrownBy(() -> b.billing.ledger().grant("p1", 5, "tri\u0000al"))
                .isInstanceOf(SandboxerException.Invalid.class).hasMessageContaining("memo");
        assertThatThrownBy(() -> b.billing.ledger().adjust("p1", -5, "\u0000"))
                .isInstanceOf(SandboxerException.Invalid.class).hasMessageContaining("memo");
        assertThatThrownBy(() -> b.billing.ledger().refund("p1", sandbox.id(), 1, "sorry\u0000"))
                .isInstanceOf(SandboxerException.Invalid.class).hasMessageContaining("memo");
        assertThat(b.billing.ledger().balance("p1")).isEqualTo(before);
        assertThat(b.billing.ledger().refund("p1", sandbox.id(), 1, "ünïcode memo ✓ ".repeat(20)).balance())
                .as("a long non-ASCII memo is clipped, not refused").isEqualTo(before.balance() + 1);
    }

    @Test
    void concurrentCreatesCannotSpendTheSameCreditsTwice() throws Exception {
        MutableClock clock = new MutableClock(START);
        BilledEngine first = open(clock, BillingSettings.defaults());
        BilledEngine second = open(clock, BillingSettings.defaults());
        first.billing.ledger().grant("p1", 50, "room for two 20-cent sandboxes, not three");
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        List<Future<Sandbox>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                BilledEngine b = i % 2 == 0 ? first : second;
                results.add(pool.submit(() -> {
                    start.await();
                    return create(b, "p1", Duration.ofMinutes(30));
                }));
            }
        }
        int made = 0;
        for (Future<Sandbox> r : results) {
            try {
                r.get();
                made++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(SandboxerException.Conflict.class);
                assertThat(((SandboxerException) e.getCause()).code()).isEqualTo("insufficient-credits");
            }
        }
        assertThat(made).isEqualTo(2);
        var balance = first.billing.ledger().balance("p1");
        assertThat(balance.reserved()).isEqualTo(40);
        assertThat(balance.available()).isEqualTo(10);
    }

    @Test
    void concurrentCheckpointsFromTwoControlPlanesChargeEachSandboxOnce() throws Exception {
        MutableClock clock = new MutableClock(START);
        BilledEngine first = open(clock, BillingSettings.defaults());
        BilledEngine second = open(clock, BillingSettings.defaults());
        first.billing.ledger().grant("p1", 1000, "grant");
        List<Sandbox> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(create(i % 2 == 0 ? first : second, "p1", Duration.ofHours(1)));
        }
        clock.advance(Duration.ofMinutes(10));
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        List<Future<List<Sandbox>>> runs = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                BilledEngine b = i % 2 == 0 ? first : second;
                runs.add(pool.submit(() -> {
                    start.await();
                    return b.engine.checkpointCosts(ALICE);
                }));
            }
        }
        for (Future<List<Sandbox>> run : runs) {
            assertThat(run.get()).isEmpty();
        }
        // 10 minutes of one sandbox is 6 cents; eight checkpoints at one moment charge it once.
        assertThat(second.billing.ledger().balance("p1").spent()).isEqualTo(3 * 6);
        for (Sandbox sandbox : made) {
            assertThat(first.engine.describe(sandbox.id(), Scope.ALL).cost().chargedMinor()).isEqualTo(6);
        }
        assertEveryTransactionBalances(first, "p1");
    }

    @Test
    void usageAccruesInDescribeAndDestroyChargesExactlyOnce() {
        BilledEngine b = open(BillingSettings.defaults());
        b.billing.ledger().grant("p1", 1000, "grant");
        Sandbox sandbox = create(b, "p1", Duration.ofHours(1));
        b.clock.advance(Duration.ofMinutes(10));
        var cost = b.engine.describe(sandbox.id(), Scope.ALL).cost();
        assertThat(cost.amountSoFar()).isEqualTo(6);
        assertThat(cost.chargedMinor()).isZero();
        assertThat(cost.secondsByState()).containsEntry("ready", 600L);

        b.engine.checkpointCosts(ALICE);
        assertThat(b.billing.ledger().balance("p1").balance()).isEqualTo(994);
        assertThat(b.engine.describe(sandbox.id(), Scope.ALL).cost().chargedMinor()).isEqualTo(6);

        b.clock.advance(Duration.ofMinutes(50));
        b.engine.destroy(sandbox.id(), ALICE, "user", Scope.ALL);
        b.clock.advance(Duration.ofHours(5));
        b.engine.checkpointCosts(ALICE);
        b.engine.destroy(sandbox.id(), ALICE, "user", Scope.ALL);
        var balance = b.billing.ledger().balance("p1");
        assertThat(balance.spent()).isEqualTo(41);
        assertThat(balance.balance()).isEqualTo(959);
        assertThat(balance.reserved()).isZero();
        assertThat(b.engine.describe(sandbox.id(), Scope.ALL).cost().amountSoFar()).isEqualTo(41);
        assertEveryTransactionBalances(b, "p1");
    }

    @Test
    void extendIsRefusedWhenTheBudgetIsShortAndReservesWhenItFits() {
        BilledEngine b = open(BillingSettings.defaults());
        b.billing.ledger().grant("p1", 30, "grant");
        Sandbox sandbox = create(b, "p1", Duration.ofMinutes(30));
        assertThatThrownBy(() -> b.engine.extend(sandbox.id(), Duration.ofMinutes(30), ALICE, Scope.ALL))
                .isInstanceOf(SandboxerException.Conflict.class).hasMessageContaining("extend of " + sandbox.id());
        b.engine.extend(sandbox.id(), Duration.ofMinutes(10), ALICE, Scope.ALL);
        assertThat(b.billing.ledger().balance("p1").reserved()).isEqualTo(26);
    }

    @Test
    void spendCapRefusesEvenWithCredits() {
        BilledEngine b = open(BillingSettings.defaults().withSpendCap("p1", 25));
        b.billing.ledger().grant("p1", 1000, "grant");
        create(b, "p1", Duration.ofMinutes(30));
        assertThatThrownBy(() -> create(b, "p1", Duration.ofMinutes(30)))
                .isInstanceOf(SandboxerException.Conflict.class).hasMessageContaining("spend cap of 0.25 USD");
    }

    @Test
    void aProjectThatRunsOutIsStoppedWithReasonBudget() {
        BilledEngine b = open(BillingSettings.defaults());
        b.billing.ledger().grant("p1", 100, "grant");
        Sandbox sandbox = create(b, "p1", Duration.ofHours(1));
        b.billing.ledger().adjust("p1", -95, "chargeback");
        b.clock.advance(Duration.ofMinutes(10));
        List<Sandbox> stopped = b.engine.checkpointCosts(ALICE);
        assertThat(stopped).extracting(Sandbox::id).containsExactly(sandbox.id());
        assertThat(b.engine.get(sandbox.id(), Scope.ALL).state()).isEqualTo(SandboxState.DESTROYED);
        List<Operation> ops = b.engine.operations(sandbox.id(), Scope.ALL);
        assertThat(ops.getLast().reason()).isEqualTo("budget");
        assertThat(b.billing.ledger().balance("p1").balance()).isEqualTo(-1);
    }

    @Test
    void aBoundedOverdraftLetsItRun() {
        BilledEngine b = open(BillingSettings.defaults().withOverdraft(500));
        b.billing.ledger().grant("p1", 100, "grant");
        Sandbox sandbox = create(b, "p1", Duration.ofHours(1));
        b.billing.ledger().adjust("p1", -95, "chargeback");
        b.clock.advance(Duration.ofMinutes(10));
        assertThat(b.engine.checkpointCosts(ALICE)).isEmpty();
        assertThat(b.engine.get(sandbox.id(), Scope.ALL).state()).isEqualTo(SandboxState.READY);
    }

    @Test
    void aProjectsOwnProviderKeyReachesOnlyTheProvisionBoundaryAndItPaysThePlatformFee() {
        byte[] kek = new byte[32];
        BilledEngine b = open(BillingSettings.defaults().withKey("k1", kek));
        b.billing.ledger().grant("p1", 1000, "grant");
        b.billing.ledger().grant("p2", 1000, "grant");
        b.billing.keys().put("p1", "reference", new dev.sandboxer.spi.Secret("sk-own-key"));
        Sandbox own = create(b, "p1", Duration.ofHours(1));
        Sandbox operators = create(b, "p2", Duration.ofHours(1));
        assertThat(b.requests.get(0).providerKey().orElseThrow().reveal()).isEqualTo("sk-own-key");
        assertThat(b.requests.get(0).toString()).doesNotContain("sk-own-key");
        assertThat(b.requests.get(1).providerKey()).isEmpty();
        b.clock.advance(Duration.ofHours(1));
        b.engine.destroy(own.id(), ALICE, "user", Scope.ALL);
        b.engine.destroy(operators.id(), ALICE, "user", Scope.ALL);
        assertThat(b.billing.ledger().balance("p1").spent()).as("10 %% of 41").isEqualTo(4);
        assertThat(b.billing.ledger().balance("p2").spent()).isEqualTo(41);
        assertThat(b.engine.describe(own.id(), Scope.ALL).cost().ownKey()).isTrue();
        String events = b.engine.events(Optional.empty(), Scope.ALL, 0, 1000).toString();
        assertThat(events).doesNotContain("sk-own-key");
    }

    @Test
    void exportReconcilesWithTheLedgerToTheMinorUnit() {
        BilledEngine b = open(BillingSettings.defaults());
        b.billing.ledger().grant("p1", 10_000, "grant");
        List<Sandbox> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(create(b, "p1", Duration.ofHours(2)));
            b.clock.advance(Duration.ofSeconds(617 + 131L * i));
            b.engine.checkpointCosts(ALICE);
        }
        b.engine.destroy(made.get(1).id(), ALICE, "user", Scope.ALL);
        b.billing.ledger().refund("p1", made.get(0).id(), 3, "goodwill");
        b.clock.advance(Duration.ofMinutes(47));
        b.engine.checkpointCosts(ALICE);
        Instant from = START.plusSeconds(600);
        Instant to = b.clock.instant().plusSeconds(1);
        var report = new BillingExport(b.store).report("p1", from, to);
        var statement = b.billing.ledger().statement("p1", from, to);
        assertThat(report.totalMinor()).isPositive().isEqualTo(statement.charges());
        assertThat(statement.closing() - statement.opening()).isEqualTo(-report.totalMinor());
        Map<String, Long> perSandbox = report.lines().stream().collect(Collectors.toMap(
                BillingExport.Line::sandboxId, BillingExport.Line::amountMinor));
        assertThat(perSandbox).containsOnlyKeys(made.stream().map(Sandbox::id).toList());
        String csv = BillingExport.csv(report);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", BillingExport.COLUMNS));
        assertThat(csv.lines().count()).isEqualTo(1 + made.size());
        assertEveryTransactionBalances(b, "p1");
    }

    private static void assertEveryTransactionBalances(BilledEngine b, String project) {
        List<Books.Entry> rows = b.store.read(s -> s.books().entries(project, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z")));
        assertThat(rows).isNotEmpty();
        Map<String, Long> sums = rows.stream().collect(Collectors.groupingBy(Books.Entry::txnId,
                Collectors.summingLong(Books.Entry::amount)));
        assertThat(sums.values()).allMatch(sum -> sum == 0);
        long credits = rows.stream().filter(r -> r.account().equals(Ledger.CREDITS)).mapToLong(Books.Entry::amount)
                .sum();
        assertThat(b.billing.ledger().balance(project).balance()).isEqualTo(credits);
    }
}
