package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every failure a user can cause: the documented exit code, one {@code error:} line, and no stack trace. */
class ErrorReportingTest {
    @TempDir
    Path home;

    TestSandboxer cli;

    @BeforeEach
    void setUp() {
        cli = new TestSandboxer(home);
        cli.profile("echo.yaml", TestProfiles.ECHO);
        cli.profile("doomed.yaml", TestProfiles.BROKEN_BACKEND);
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    /** Runs, checks the exit code, and that nothing on either stream looks like a stack trace. */
    private CliRun expect(int exitCode, String... args) {
        CliRun run = cli.run(args);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
        assertNoStackTrace(run);
        return run;
    }

    static void assertNoStackTrace(CliRun run) {
        assertThat(run.allLines()).as(run.toString())
                .noneMatch(line -> line.contains("Exception") || line.contains("\tat "));
    }

    @Test
    void unknownProfileIsBadInput() {
        CliRun run = expect(2, "create", "--profile", "ecko");
        assertThat(run.err()).startsWith("error: ").contains("ecko").contains("echo").contains("hint: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingRequiredInputIsBadInput() {
        CliRun run = expect(2, "create", "--profile", "echo");
        assertThat(run.err()).startsWith("error: ").contains("name");
    }

    @Test
    void inputNotMatchingItsPatternIsBadInput() {
        CliRun run = expect(2, "create", "--profile", "echo", "--input", "name=Ada99");
        assertThat(run.err()).startsWith("error: ").contains("Ada99").contains("[a-z]+");
    }

    @Test
    void ttlAboveTheProfilesMaximumIsBadInput() {
        CliRun run = expect(2, "create", "--profile", "echo", "--input", "name=ada", "--ttl", "3h");
        assertThat(run.err()).startsWith("error: ").contains("2h").contains("hint: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 minutes", "0s", "soon", "-5m"})
    void ttlThatIsNotADurationIsAUsageError(String ttl) {
        CliRun run = expect(2, "create", "--profile", "echo", "--input", "name=ada", "--ttl", ttl);
        assertThat(run.err()).contains("--ttl").contains("is not a duration")
                .contains("try 'sandboxer create --help'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "boss:bob", "agt:", "agt:bad name"})
    void malformedConsumerIsAUsageError(String as) {
        CliRun run = expect(2, "--as", as, "list");
        assertThat(run.err()).startsWith("error: ").contains("--as");
    }

    @Test
    void malformedProjectIsAUsageError() {
        CliRun run = expect(2, "create", "--profile", "echo", "--project", "Not_A_Project");
        assertThat(run.err()).contains("--project").contains("lower-case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"describe", "destroy", "extend", "exec", "recreate"})
    void unknownSandboxIsNotFound(String command) {
        String[] args = switch (command) {
            case "extend" -> new String[] {"extend", "sb-nope", "--by", "10m"};
            case "exec" -> new String[] {"exec", "sb-nope", "--", "echo", "hi"};
            default -> new String[] {command, "sb-nope"};
        };
        CliRun run = expect(3, args);
        assertThat(run.err()).startsWith("error: sandbox sb-nope not found\nhint: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void failedCreateExplainsItselfWithoutAStackTrace() {
        CliRun run = expect(6, "create", "--profile", "doomed");
        assertThat(run.err()).startsWith("error: ").contains("the disk is on fire")
                .contains("hint: run 'sandboxer describe ")
                .contains("diagnostics:\n  spec asked to fail");
        assertThat(run.out()).isEmpty();
        CliRun listed = cli.run("list", "--state", "failed");
        assertThat(listed.out()).contains("doomed@1").contains("failed");
    }

    @Test
    void debugShowsTheStackTraceOfAFailure() {
        CliRun run = cli.run("--debug", "create", "--profile", "doomed");
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).contains("\tat ");
        CliRun after = cli.run("create", "--profile", "doomed", "--debug");
        assertThat(after.err()).as("--debug is global: it may follow the command").contains("\tat ");
    }

    @Test
    void unknownCommandOrOptionIsAUsageErrorWithAPointerToHelp() {
        CliRun command = expect(2, "lsit");
        assertThat(command.err()).contains("lsit").contains("try 'sandboxer --help'");
        CliRun option = expect(2, "list", "--colour");
        assertThat(option.err()).contains("--colour").contains("try 'sandboxer list --help'");
        CliRun missing = expect(2, "extend", "sb-1");
        assertThat(missing.err()).contains("--by").contains("try 'sandboxer extend --help'");
    }

    @Test
    void badOutputFormatAndStateAreUsageErrors() {
        assertThat(expect(2, "list", "-o", "yaml").err()).contains("table or json");
        assertThat(expect(2, "list", "--state", "running").err()).contains("ready");
    }

    @Test
    void extendingPastTheHardMaximumIsBadInput() {
        String id = cli.run("create", "--profile", "echo", "--input", "name=ada").outLines().getFirst();
        CliRun run = expect(2, "extend", id, "--by", "3h");
        assertThat(run.err()).startsWith("error: ").contains("hard maximum").contains("hint: extend by at most");
    }

    @Test
    void execInADestroyedSandboxIsAConflict() {
        String id = cli.run("create", "--profile", "echo", "--input", "name=ada").outLines().getFirst();
        cli.run("destroy", id);
        CliRun run = expect(4, "exec", id, "--", "echo", "hi");
        assertThat(run.err()).startsWith("error: ").contains("destroyed");
    }

    @Test
    void noCommandPrintsUsageAndCountsAsBadInput() {
        CliRun run = expect(2);
        assertThat(run.err()).contains("Usage: sandboxer").contains("Exit codes:");
    }
}
