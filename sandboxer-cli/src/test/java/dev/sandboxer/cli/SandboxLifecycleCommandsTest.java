package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/** Runs embedded and against a server: the CLI must print and exit the same in both. */
@ParameterizedClass
@EnumSource(TestSandboxer.Mode.class)
class SandboxLifecycleCommandsTest {
    @Parameter
    TestSandboxer.Mode mode;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    TestSandboxer cli;

    @BeforeEach
    void setUp() {
        cli = new TestSandboxer(home, mode);
        cli.profile("echo.yaml", TestProfiles.ECHO);
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    @Test
    void withASingleProjectTokenACreateWithoutProjectGoesToThatProject() {
        org.junit.jupiter.api.Assumptions.assumeTrue(cli.remote(), "a token decides the project only remotely");
        dev.sandboxer.core.model.Consumer solo = dev.sandboxer.core.model.Consumer.parse("agt:solo");

        CliRun created = cli.runWithToken(solo, java.util.Set.of("p7"), "create", "--profile", "echo", "--input",
                "name=ada", "-o", "json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).contains("\"project\" : \"p7\"");

        CliRun unknown = cli.runWithToken(solo, java.util.Set.of("p7"), "create", "--profile", "nope");
        assertThat(unknown.exitCode()).as("the real problem, not the project").isEqualTo(2);
        assertThat(unknown.err()).contains("nope");
    }

    @Test
    void aLocalExtensionRefusesHostBeforeAnythingIsRecorded() throws Exception {
        CliRun pinned = cli.run("create", "--profile", "echo", "--input", "name=ada", "--host", "build-2");
        assertThat(pinned.exitCode()).as(pinned.toString()).isEqualTo(2);
        assertThat(pinned.err().lines().filter(l -> !l.isBlank()).findFirst().orElse(""))
                .contains("--host", "reference");
        assertThat(pinned.out()).isEmpty();
        CliRun listed = cli.run("list", "--all", "-o", "json");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(JSON.readTree(listed.out()).get("items").size()).as("nothing recorded").isZero();
    }

    private String create(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("create", "--profile", "echo", "--input", "name=ada"));
        args.addAll(List.of(extra));
        CliRun run = cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.outLines().getFirst();
    }

    @Test
    void fullTourFromCreateToDestroyed() throws Exception {
        CliRun created = cli.run("create", "--profile", "echo", "--input", "name=ada", "--ttl", "45m",
                "--label", "ticket=T-1");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.err()).as("nothing on stderr on success").isEmpty();
        String id = created.outLines().getFirst();
        assertThat(id).matches("\\S+");
        assertThat(created.out()).contains("ready", "in 45m", "exec", "sandboxer exec " + id);

        CliRun listed = cli.run("list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.outLines().getFirst().split("\\s+"))
                .containsExactly("ID", "PROFILE", "EXTENSION", "STATE", "PROJECT", "CONSUMER", "EXPIRES");
        String row = listed.outLines().stream().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
        assertThat(row.split("\\s{2,}"))
                .containsExactly(id, "echo@1", "reference", "ready", "default", "adm:tester", "in 45m");

        CliRun described = cli.run("describe", id);
        assertThat(described.exitCode()).as(described.toString()).isZero();
        assertThat(described.outLines()).contains("1. Recipe", "2. Backend", "3. Placement", "4. Isolation",
                "5. Reach", "6. History", "7. Cost");
        assertThat(described.out()).contains("echo@1", "name=ada", "ticket=T-1", "reference 1.0.0", "create");

        CliRun echoed = cli.run("exec", id, "--", "echo", "hello", "world");
        assertThat(echoed.exitCode()).as(echoed.toString()).isZero();
        assertThat(echoed.out()).isEqualTo("hello world\n");
        assertThat(echoed.err()).isEmpty();

        CliRun extended = cli.run("extend", id, "--by", "30m");
        assertThat(extended.exitCode()).as(extended.toString()).isZero();
        assertThat(extended.out()).contains(id + " now expires in 1h15m", "2026-01-05T11:15:00Z");

        CliRun destroyed = cli.run("destroy", id);
        assertThat(destroyed.exitCode()).isZero();
        assertThat(destroyed.out()).isEqualTo("destroyed " + id + "\n");

        assertThat(cli.run("list").out()).doesNotContain(id);
        CliRun all = cli.run("list", "--all");
        String gone = all.outLines().stream().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
        assertThat(gone).contains("destroyed");
        assertThat(cli.run("list", "--state", "destroyed").out()).contains(id);

        JsonNode history = JSON.readTree(cli.run("describe", id, "-o", "json").out()).at("/history/operations");
        assertThat(history.findValuesAsText("verb")).containsExactly("create", "exec", "extend", "destroy");
    }

    @Test
    void execPassesTheCommandsOutputAndExitCodeThrough() {
        String id = create();
        CliRun failing = cli.run("exec", id, "--", "sh", "-c", "exit 7");
        assertThat(failing.exitCode()).isEqualTo(7);
        assertThat(failing.out()).isEmpty();
        CliRun unknown = cli.run("exec", id, "--", "no-such-program");
        assertThat(unknown.exitCode()).isEqualTo(127);
        assertThat(unknown.err()).isNotEmpty();
    }

    @Test
    void jsonOutputParsesForEveryCommandThatPrintsIt() throws Exception {
        JsonNode created = JSON.readTree(cli.run("create", "--profile", "echo", "--input", "name=ada", "-o", "json")
                .out());
        String id = created.get("id").asText();
        assertThat(created.get("state").asText()).isEqualTo("ready");
        assertThat(created.get("consumer").asText()).isEqualTo("adm:tester");
        assertThat(created.get("expiresAt").asText()).isEqualTo("2026-01-05T10:30:00Z");

        JsonNode page = JSON.readTree(cli.run("list", "-o", "json").out());
        assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(page.get("nextCursor").isNull()).isTrue();

        JsonNode description = JSON.readTree(cli.run("describe", id, "-o", "json").out());
        assertThat(description.fieldNames()).toIterable().contains("recipe", "backend", "placement", "isolation",
                "reach", "history", "cost");
        assertThat(description.at("/recipe/profile").asText()).isEqualTo("echo");

        JsonNode extended = JSON.readTree(cli.run("extend", id, "--by", "10m", "-o", "json").out());
        assertThat(extended.get("expiresAt").asText()).isEqualTo("2026-01-05T10:40:00Z");

        JsonNode extensions = JSON.readTree(cli.run("extensions", "list", "-o", "json").out());
        assertThat(extensions.get("extensions").findValuesAsText("id")).contains("reference");

        JsonNode destroyed = JSON.readTree(cli.run("destroy", id, "-o", "json").out());
        assertThat(destroyed.get("state").asText()).isEqualTo("destroyed");

        JsonNode version = JSON.readTree(cli.run("version", "-o", "json").out());
        assertThat(version.get("sandboxer").asText()).isNotBlank();
    }

    @Test
    void eventsPrintOneCloudEventPerLine() throws Exception {
        String id = create();
        CliRun run = cli.run("events", "--sandbox", id, "-o", "json");
        assertThat(run.exitCode()).isZero();
        List<JsonNode> events = run.out().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("specversion").asText()).isEqualTo("1.0");
            assertThat(e.get("subject").asText()).isEqualTo(id);
            assertThat(e.get("type").asText()).startsWith("dev.sandboxer.sandbox.");
            assertThat(e.get("source").asText()).startsWith("/sandboxer/");
        });
        assertThat(events.getLast().get("type").asText()).isEqualTo("dev.sandboxer.sandbox.ready");

        long firstSeq = Long.parseLong(events.getFirst().get("sequence").asText());
        CliRun after = cli.run("events", "--after", Long.toString(firstSeq));
        assertThat(after.outLines()).hasSize(events.size()); // header + all but the first
        assertThat(after.outLines().getFirst()).startsWith("SEQ");
    }

    @Test
    void destroyIsIdempotent() {
        String id = create();
        assertThat(cli.run("destroy", id).out()).isEqualTo("destroyed " + id + "\n");
        CliRun again = cli.run("destroy", id);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo(id + " was already destroyed\n");
    }

    @Test
    void idempotencyKeyReplayReturnsTheSameSandbox() {
        String first = create("--idempotency-key", "run-1");
        String second = create("--idempotency-key", "run-1");
        assertThat(second).isEqualTo(first);
        assertThat(cli.run("list").outLines()).hasSize(2);
    }

    @Test
    void idempotencyKeyReusedForAnotherRequestIsAConflict() {
        String first = create("--idempotency-key", "run-1");
        CliRun reused = cli.run("create", "--profile", "echo", "--input", "name=bob", "--idempotency-key", "run-1");
        assertThat(reused.exitCode()).as(reused.toString()).isEqualTo(4);
        assertThat(reused.out()).isEmpty();
        assertThat(reused.err()).startsWith("error: ").contains("run-1", first).contains("\nhint: ");
    }

    @Test
    void reapDestroysOnlyExpiredSandboxes() {
        String shortLived = create("--ttl", "5m");
        String longLived = create("--ttl", "1h");
        assertThat(cli.run("reap").out()).isEqualTo("nothing to reap\n");
        cli.clock.advance(Duration.ofMinutes(10));
        CliRun reaped = cli.run("reap");
        assertThat(reaped.exitCode()).isZero();
        assertThat(reaped.out()).contains("reaped " + shortLived).doesNotContain(longLived);
        assertThat(cli.run("list").out()).contains(longLived).doesNotContain(shortLived);
        CliRun history = cli.run("events", "--sandbox", shortLived);
        assertThat(history.out()).contains("destroyed").contains("ttl");
    }

    @Test
    void reconcileMarksAVanishedSandboxLostAndADryRunChangesNothing() {
        String id = create();
        assertThat(cli.run("reconcile").out()).isEqualTo("recorded " + id + " as running (running in memory)\n");
        assertThat(cli.run("reconcile").out()).isEqualTo("records and backends agree\n");
        cli.extension("reference").destroy(new dev.sandboxer.spi.BackendRef("reference", id, ""));
        CliRun dry = cli.run("reconcile", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).startsWith("would mark " + id + " lost");
        assertThat(cli.run("describe", id).out()).doesNotContain("lost");
        CliRun done = cli.run("reap-stale", "-o", "json");
        assertThat(done.exitCode()).as(done.toString()).isZero();
        assertThat(done.out()).contains("\"lost\"").contains(id).contains("\"dryRun\" : false");
        assertThat(cli.run("events", "--sandbox", id).out()).contains("lost").contains("reconcile");
        CliRun agent = cli.run("reconcile", "--as", "agt:bot");
        assertThat(agent.exitCode()).isEqualTo(7);
    }

    @Test
    void eventsFollowPrintsNewEventsAsTheyHappenAndEndsWhenTheSandboxIsDestroyed() throws Exception {
        String id = create();
        var follower = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var followed = follower.submit(() -> cli.run("events", "--follow", "--sandbox", id, "-o", "json"));
            assertThat(cli.run("destroy", id).exitCode()).isZero();
            CliRun run = followed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.outLines()).hasSizeGreaterThanOrEqualTo(5)
                    .allSatisfy(line -> assertThat(line).startsWith("{\"specversion\":\"1.0\""));
            assertThat(run.outLines().getLast()).contains("dev.sandboxer.sandbox.destroyed");
            assertThat(run.out()).contains("dev.sandboxer.sandbox.requested", "dev.sandboxer.sandbox.ready",
                    "dev.sandboxer.sandbox.destroying");
        } finally {
            follower.shutdownNow();
        }
    }

    @Test
    void recreateKeepsTheIdAndPrintsItAgain() {
        String id = create();
        CliRun run = cli.run("recreate", id);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines().getFirst()).isEqualTo(id);
        assertThat(cli.run("exec", id, "--", "echo", "back").out()).isEqualTo("back\n");
    }

    @Test
    void progressGoesToStderrOnlyWhenAsked() {
        CliRun quiet = cli.run("create", "--profile", "echo", "--input", "name=ada");
        assertThat(quiet.err()).isEmpty();
        CliRun shown = cli.run("create", "--profile", "echo", "--input", "name=ada", "--progress");
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.err()).contains(provisioningStep());
        assertThat(shown.out()).doesNotContain("provisioning");
    }

    /**
     * Embedded, progress is the engine's own steps; remotely it is the sandbox's events as the server records
     * them, so the wording differs while the rule (stderr, only when asked or on a terminal) is the same.
     */
    private String provisioningStep() {
        return cli.remote() ? "... provisioning\n" : "... provisioning on reference\n";
    }

    @Test
    void progressIsShownWhenStderrIsATerminal() {
        CliEnvironment terminal = cli.environment();
        terminal = new CliEnvironment(terminal.env(), terminal.planes(), terminal.transport(), terminal.clock(), true);
        CliRun shown = cli.run(terminal, "create", "--profile", "echo", "--input", "name=ada");
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.err()).contains(provisioningStep());
        assertThat(shown.outLines().getFirst()).as("stdout is still just the result").startsWith("sb-");
    }

    @Test
    void listFiltersByStateProjectAndLabel() {
        String mine = create("--label", "team=a");
        CliRun other = cli.run("create", "--profile", "echo", "--input", "name=bob", "--project", "other");
        String theirs = other.outLines().getFirst();
        assertThat(cli.run("list", "--project", "other").out()).contains(theirs).doesNotContain(mine);
        assertThat(cli.run("list", "--label", "team=a").out()).contains(mine).doesNotContain(theirs);
        assertThat(cli.run("list", "--state", "failed").outLines()).hasSize(1);
    }

    /** The words of a {@code more: ...} hint after {@code sandboxer --home HOME} (tests print no quoted words). */
    private String[] followHint(CliRun run) {
        String prefix = "more: sandboxer --home " + home + " ";
        assertThat(run.err()).as(run.toString()).startsWith(prefix).endsWith("\n");
        assertThat(run.err().lines()).hasSize(1);
        return run.err().strip().substring(prefix.length()).split(" ");
    }

    private static List<String> ids(CliRun run) {
        return run.outLines().stream().skip(1).map(line -> line.split(" ")[0]).toList();
    }

    @Test
    void listPrintsTheNextCursorWhenThereIsMore() {
        create();
        create();
        create();
        CliRun first = cli.run("list", "--limit", "2");
        assertThat(first.outLines()).hasSize(3);
        String[] next = followHint(first);
        assertThat(String.join(" ", next)).matches("list --limit 2 --cursor \\S+");
        CliRun rest = cli.run(next);
        assertThat(rest.outLines()).hasSize(2);
        assertThat(rest.err()).isEmpty();
    }

    /** Following the hint must continue the same listing: every filter comes along with the cursor. */
    @Test
    void theNextPageHintRepeatsEveryFilter() {
        cli.profile("doomed.yaml", TestProfiles.BROKEN_BACKEND);
        List<String> failed = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            create("--label", "team=a");
            CliRun doomed = cli.run("create", "--profile", "doomed", "--label", "team=a");
            assertThat(doomed.exitCode()).isEqualTo(6);
        }
        failed.addAll(ids(cli.run("list", "--state", "failed")));
        assertThat(failed).hasSize(3);

        CliRun first = cli.run("list", "--state", "failed", "--label", "team=a", "--limit", "2");
        String[] next = followHint(first);
        assertThat(String.join(" ", next))
                .matches("list --state failed --label team=a --limit 2 --cursor \\S+");
        CliRun second = cli.run(next);
        assertThat(second.err()).as("the last page has no hint").isEmpty();
        List<String> seen = new java.util.ArrayList<>(ids(first));
        seen.addAll(ids(second));
        assertThat(seen).as("both pages hold only failed sandboxes").containsExactlyElementsOf(failed);

        CliRun everything = cli.run("list", "--all", "--project", "default", "--profile", "echo",
                "--consumer", "adm:tester", "--state", "ready", "--state", "failed", "--limit", "1");
        assertThat(String.join(" ", followHint(everything))).matches("list --project default --consumer adm:tester "
                + "--state ready --state failed --profile echo --limit 1 --all --cursor \\S+");
    }

    @Test
    void theNextPageHintKeepsWhoIsAsking() {
        assumeTrue(!cli.remote(), "--as is embedded only: remotely the token says who asks");
        create("--project", "team-a");
        create("--project", "team-a");
        CliRun agent = cli.run("--as", "agt:bot", "list", "--project", "team-a", "--limit", "1");
        String[] next = followHint(agent);
        assertThat(String.join(" ", next)).matches("--as agt:bot list --project team-a --limit 1 --cursor \\S+");
        assertThat(cli.run(next).outLines()).hasSize(2);
    }

    @Test
    void theEventsHintRepeatsTheSandboxAndLimit() {
        String id = create();
        create();
        CliRun first = cli.run("events", "--sandbox", id, "--limit", "1");
        String[] next = followHint(first);
        assertThat(String.join(" ", next)).matches("events --sandbox " + id + " --limit 1 --after \\d+");
        CliRun second = cli.run(next);
        assertThat(second.outLines()).hasSize(2).allMatch(l -> l.startsWith("SEQ") || l.contains(id));
    }

    @Test
    void aHintQuotesWhatTheShellWouldSplit() {
        create("--label", "note=two words");
        create("--label", "note=two words");
        CliRun run = cli.run("list", "--label", "note=two words", "--limit", "1");
        assertThat(run.err()).contains(" --label 'note=two words' --limit 1 --cursor ");
    }

    @Test
    void aSandboxThatIsGoneShowsNoEndpoints() {
        String id = create("--idempotency-key", "run-9");
        assertThat(cli.run("describe", id).out()).contains("sandboxer exec " + id)
                .doesNotContain("(none: the sandbox is");
        cli.run("destroy", id);

        CliRun replay = cli.run("create", "--profile", "echo", "--input", "name=ada", "--idempotency-key", "run-9");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.outLines()).containsExactly(id, "  state    destroyed", "  expires  -",
                "  reach    none: the sandbox is destroyed");

        CliRun described = cli.run("describe", id);
        assertThat(described.out()).contains("5. Reach\n   (none: the sandbox is destroyed)\n\n6. History");
    }

    @Test
    void agentsSeeOnlyTheirProject() {
        String id = create("--project", "team-a");
        assertThat(cli.run("--as", "agt:bot", "describe", id, "--project", "team-a").exitCode()).isZero();
        CliRun elsewhere = cli.run("describe", id, "--as", "agt:bot", "--project", "team-b");
        assertThat(elsewhere.exitCode()).isEqualTo(3);
    }
}
