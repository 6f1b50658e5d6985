package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Estimate, credits, budget refusal, cost in describe, statement and export, provider keys: embedded and
 * against a server. The profile asks 0.5 vCPU and 256 MiB of the reference extension, whose sheet makes that
 * 20,750,000 micros (20 cents, rounded down) per 30 minutes and 41 cents per hour.
 */
@ParameterizedClass
@EnumSource(TestSandboxer.Mode.class)
class BillingCommandsTest {
    static final String PRICED = """
            id: priced
            version: 1
            description: A reference sandbox with resources, so it costs something
            extension: reference
            ttl:
              default: 30m
              max: 4h
            resources:
              cpu: 0.5
              memory: 256Mi
            reach:
              exec: true
            backend:
              reference: {}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    TestSandboxer.Mode mode;

    @TempDir
    Path home;

    TestSandboxer cli;

    @BeforeEach
    void setUp() {
        cli = new TestSandboxer(home, mode);
        cli.profile("priced.yaml", PRICED);
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    private CliRun ok(String... args) {
        CliRun run = cli.run(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    @Test
    void estimateSaysWhatACreateWouldCost() throws Exception {
        assertThat(ok("estimate", "--profile", "priced", "--ttl", "1h").out())
                .startsWith("0.41 USD for 1h on reference (sheet reference-1");
        JsonNode json = JSON.readTree(ok("estimate", "--profile", "priced", "-o", "json").out());
        assertThat(json.get("amount").asLong()).isEqualTo(20);
    }

    @Test
    void aShortBudgetIsRefusedCleanlyAndACreditedOneIsChargedAndReconciles() throws Exception {
        ok("credits", "grant", "--project", "team-a", "--amount", "15", "--memo", "trial");
        CliRun refused = cli.run("create", "--profile", "priced", "--project", "team-a");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err()).contains("0.15 USD available", "estimated at 0.20 USD", "credits grant");
        assertThat(ok("list", "--project", "team-a").out()).doesNotContain("priced@1");

        ok("credits", "grant", "--project", "team-a", "--amount", "985");
        String id = ok("create", "--profile", "priced", "--project", "team-a", "--ttl", "2h").outLines().getFirst();
        cli.clock.advance(Duration.ofMinutes(30));
        assertThat(ok("describe", id).out()).contains("cost", "0.20 USD so far", "reference-1");
        cli.clock.advance(Duration.ofMinutes(30));
        ok("destroy", id);

        JsonNode balance = JSON.readTree(ok("credits", "balance", "--project", "team-a", "-o", "json").out());
        assertThat(balance.get("spent").asLong()).isEqualTo(41);
        assertThat(balance.get("balance").asLong()).isEqualTo(1000 - 41);
        CliRun tooMuch = cli.run("credits", "refund", "--project", "team-a", "--sandbox", id, "--amount", "42");
        assertThat(tooMuch.exitCode()).as(tooMuch.toString()).isEqualTo(2);
        assertThat(tooMuch.err()).contains("0.41 USD");
        ok("credits", "refund", "--project", "team-a", "--sandbox", id, "--amount", "5", "--memo", "slow start");
        JsonNode statement = JSON.readTree(ok("credits", "statement", "--project", "team-a", "--from", "2026-01-01",
                "--to", "2026-02-01", "-o", "json").out());
        assertThat(statement.get("charges").asLong()).as("net of the refund").isEqualTo(36);
        assertThat(statement.get("closing").asLong()).isEqualTo(1000 - 36);
        List<String> csv = ok("credits", "export", "--project", "team-a", "--from", "2026-01-01", "--to",
                "2026-02-01").outLines();
        assertThat(csv.getFirst()).startsWith("period_start,period_end,project,sandbox_id,profile,extension");
        assertThat(csv).hasSize(2);
        String[] cells = csv.get(1).split(",");
        assertThat(cells[3]).isEqualTo(id);
        assertThat(cells[10]).as("seconds_ready").isEqualTo("3600");
        assertThat(Long.parseLong(cells[15])).as("amount_minor").isEqualTo(statement.get("charges").asLong());
    }

    @Test
    void onlyOperatorsGrantCredits() {
        CliRun run = cli.run("--as", "agt:harness", "credits", "grant", "--project", "p1", "--amount", "100");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
    }

    @Test
    void aProviderKeyGoesInAndNeverComesOut() {
        cli.env("SANDBOXER_KEY_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        cli.env("MY_KEY", "sk-live-very-secret");
        CliRun set = ok("keys", "set", "--project", "team-a", "--extension", "reference", "--key-env", "MY_KEY");
        CliRun list = ok("keys", "list", "--project", "team-a", "-o", "json");
        assertThat(list.out()).contains("reference", "k1");
        assertThat(set.out() + set.err() + list.out()).doesNotContain("sk-live-very-secret");
        // Its sandboxes pay the platform fee only (10 % by default): 41 → 4 cents an hour.
        assertThat(ok("estimate", "--profile", "priced", "--ttl", "1h", "--project", "team-a").out())
                .startsWith("0.04 USD");
        assertThat(ok("keys", "rotate").out()).as("already under the current key").contains("re-sealed 0");
        ok("keys", "remove", "--project", "team-a", "--extension", "reference");
        assertThat(ok("keys", "list", "--project", "team-a").out()).contains("no provider keys");
    }
}
