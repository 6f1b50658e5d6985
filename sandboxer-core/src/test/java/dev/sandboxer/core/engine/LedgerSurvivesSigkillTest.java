package dev.sandboxer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.BillingSettings;
import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.billing.Usage;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.store.Books;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.spi.PriceSheet;
import dev.sandboxer.spi.Resources;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A control plane killed with SIGKILL while it charges usage loses no charge and counts none twice: every
 * ledger transaction is whole, every meter equals the charges posted for its sandbox, and the next
 * checkpoint (another process) brings each sandbox to exactly the cost of its recorded usage.
 * {@link SqliteLedgerSurvivesSigkillTest} and {@link PostgresLedgerSurvivesSigkillTest} run it on each store.
 */
abstract class LedgerSurvivesSigkillTest {
    /** Expensive on purpose (0.5 vCPU at 10 cents per vCPU-second), so nearly every checkpoint charges. */
    static final BillingSettings SETTINGS = BillingSettings.defaults()
            .withPrice("reference", "vcpu-second", 100_000_000);

    private String db;

    /** Makes this test's empty database and returns its JDBC URL, which the child process opens too. */
    abstract String createDatabase();

    /** Removes the database once every store on it is closed. */
    abstract void dropDatabase(String url);

    @BeforeEach
    void database() {
        db = createDatabase();
    }

    @AfterEach
    void drop() {
        if (db != null) {
            dropDatabase(db);
        }
    }

    @Test
    void killedWhileChargingTheLedgerStaysExact() throws Exception {
        try (JdbcStore store = JdbcStore.open(db, Clock.systemUTC())) {
            new Billing(store, SETTINGS, Clock.systemUTC()).ledger().grant("p1", 1_000_000_000L, "room");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MeteringChild.class.getName(), db).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int checkpoints = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (checkpoints < 40 && (line = out.readLine()) != null) {
                if (line.startsWith("checkpoint")) {
                    checkpoints++;
                }
            }
            child.destroyForcibly();   // SIGKILL: no shutdown hook, no rollback by the process itself
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(checkpoints).as("the child got to charge before it was killed").isEqualTo(40);

        Instant later = Instant.now().plusSeconds(2);
        try (JdbcStore store = JdbcStore.open(db, Clock.fixed(later, ZoneOffset.UTC))) {
            List<Books.Meter> meters = store.read(s -> s.books().meters("p1"));
            assertThat(meters).hasSize(3);
            assertLedgerMatchesMeters(store, meters);
            assertThat(meters).allMatch(m -> m.charged() > 0);

            Billing billing = new Billing(store, SETTINGS, Clock.fixed(later, ZoneOffset.UTC));
            billing.checkpoint();
            int rows = entries(store).size();
            billing.checkpoint();
            assertThat(entries(store)).as("a second checkpoint at the same moment charges nothing").hasSize(rows);

            List<Books.Meter> after = store.read(s -> s.books().meters("p1"));
            assertLedgerMatchesMeters(store, after);
            for (Books.Meter m : after) {
                Sandbox sandbox = store.read(s -> s.findSandbox(m.sandboxId())).orElseThrow();
                Usage usage = Usage.of(store.read(s -> s.events(Optional.of(m.sandboxId()), 0, 1000)), later);
                PriceSheet sheet = billing.sheet(new dev.sandboxer.tck.reference.ReferenceExtension(Clock.systemUTC()));
                long expected = sheet.cost(new Resources(sandbox.resources().cpuMillis(),
                        sandbox.resources().memoryBytes()), usage.runningMillis(), usage.pausedMillis());
                assertThat(m.charged()).as("charged for %s", m.sandboxId()).isEqualTo(expected);
            }
        }
    }

    private static List<Books.Entry> entries(JdbcStore store) {
        return store.read(s -> s.books().entries("p1", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")));
    }

    private static void assertLedgerMatchesMeters(JdbcStore store, List<Books.Meter> meters) {
        List<Books.Entry> rows = entries(store);
        Map<String, Long> perTxn = rows.stream().collect(Collectors.groupingBy(Books.Entry::txnId,
                Collectors.summingLong(Books.Entry::amount)));
        assertThat(perTxn.values()).as("every transaction is whole").allMatch(sum -> sum == 0);
        Map<String, Long> spent = rows.stream().filter(e -> e.account().equals(Ledger.SPENT))
                .collect(Collectors.groupingBy(e -> e.sandboxId().orElseThrow(),
                        Collectors.summingLong(Books.Entry::amount)));
        for (Books.Meter m : meters) {
            assertThat(spent.getOrDefault(m.sandboxId(), 0L)).as("ledger vs meter of %s", m.sandboxId())
                    .isEqualTo(m.charged());
        }
    }
}
