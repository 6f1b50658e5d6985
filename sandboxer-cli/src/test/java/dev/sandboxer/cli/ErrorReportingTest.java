package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every failure a user can cause: the documented exit code, one {@code error:} line, and no stack trace. Runs
 * embedded and against a server: the CLI must print and exit the same in both.
 */
@ParameterizedClass
@EnumSource(TestSandboxer.Mode.class)
class ErrorReportingTest {
    @Parameter
    TestSandboxer.Mode mode;

    @TempDir
    Path home;

    TestSandboxer cli;

    @BeforeEach
    void setUp() {
        cli = new TestSandboxer(home, mode);
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
    void aTokenSecretTypedInTheWrongPlaceIsNotEchoed() {
        String secret = "sbx_" + "Q".repeat(20) + "w".repeat(23);
        CliRun asFlag = expect(2, "list", "--token", secret);
        assertThat(asFlag.err()).contains("--token", "sbx_<redacted>").doesNotContain("QQQQQQQQQQ");
        CliRun asId = expect(3, "tokens", "revoke", secret);
        assertThat(asId.err()).contains("sbx_<redacted>", "sandboxer tokens list").doesNotContain("QQQQQQQQQQ");
    }

    @Test
    void unknownProfileIsBadInput() {
        CliRun run = expect(2, "create", "--profile", "ecko");
        assertThat(run.err()).startsWith("error: ").contains("ecko").contains("echo").contains("hint: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aProfileWrittenAsAnArgumentGetsTheLineThatWorks() {
        CliRun run = expect(2, "create", "echo", "--input", "name=ada");
        assertThat(run.err()).isEqualTo("error: name the profile with --profile: sandboxer create --profile echo\n");
        CliRun both = expect(2, "create", "--profile", "echo", "extra");
        assertThat(both.err()).isEqualTo("error: unexpected argument extra: create takes options only "
                + "(see 'sandboxer create --help')\n");
        assertThat(expect(2, "create").err()).startsWith("error: Missing required option: '--profile");
        assertThat(cli.run("list").outLines()).as("nothing was created").hasSize(1);
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
    @ValueSource(strings = {"30 minutes", "soon", "30", "1m1h"})
    void ttlThatIsNotADurationIsAUsageError(String ttl) {
        CliRun run = expect(2, "create", "--profile", "echo", "--input", "name=ada", "--ttl", ttl);
        assertThat(run.err()).isEqualTo("error: --ttl '" + ttl + "' is not a duration; use e.g. 30s, 10m, 1h30m, 2d\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0m", "0h00m", "-5m"})
    void ttlOfZeroOrLessMustBePositive(String ttl) {
        CliRun run = expect(2, "create", "--profile", "echo", "--input", "name=ada", "--ttl", ttl);
        assertThat(run.err()).isEqualTo("error: --ttl '" + ttl + "' must be positive; use e.g. 30s, 10m, 1h30m, 2d\n");
        assertThat(expect(2, "extend", "sb-1", "--by", ttl).err()).startsWith("error: --by '" + ttl + "' must be");
    }

    /** A value the option cannot take is one line: the option, the value as given, what is wrong and how to fix. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "create --profile echo --label x        | error: --label 'x' must be KEY=VALUE",
        "create --profile echo --input name     | error: --input 'name' must be KEY=VALUE",
        "create --profile echo --input =ada     | error: --input '=ada' must be KEY=VALUE with a KEY before the '='",
        "list --label team                      | error: --label 'team' must be KEY=VALUE",
        "list --limit many                      | error: --limit 'many' is not a whole number; use 1 to 1000",
        "list --limit 0                         | error: --limit '0' is out of range; use 1 to 1000",
        "list --limit 1001                      | error: --limit '1001' is out of range; use 1 to 1000",
        "events --limit 20000                   | error: --limit '20000' is out of range; use 1 to 10000",
        "events --after -1                      | error: --after '-1' is out of range; use 0 or more",
        "events --after x                       | error: --after 'x' is not a whole number; use 0 or more",
        "list --state running                   | error: --state 'running' is not a state; use one of requested, "
                + "provisioning, ready, paused, destroying, destroyed, failed, lost",
        "list -o yaml                           | error: --output 'yaml' is not an output format; use table or json",
        "list --project Team_A                  | error: --project 'Team_A' must be 1-63 of lower-case letters, "
                + "digits and '-', starting with a letter or digit",
    })
    void badOptionValuesAreOneCleanLine(String args, String message) {
        CliRun run = expect(2, args.strip().split(" +"));
        assertThat(run.err()).isEqualTo(message + "\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void keyValueOptionsKeepEqualsSignsAndEmptyValuesInTheValue() {
        String id = cli.run("create", "--profile", "echo", "--input", "name=ada", "--label", "note=a=b",
                "--label", "empty=").outLines().getFirst();
        assertThat(cli.run("describe", id).out()).contains("note=a=b", "empty=");
        assertThat(cli.run("exec", id, "--env", "X=1=2", "--", "true").exitCode()).isZero();
        assertThat(new Converters.Pair().convert("X=1=2")).isEqualTo(new Converters.KeyValue("X", "1=2"));
        assertThat(Converters.KeyValue.toMap(java.util.List.of(new Converters.KeyValue("a", "1"),
                new Converters.KeyValue("b", "2"), new Converters.KeyValue("a", "3"))))
                .as("the last of a repeated key wins, in first-seen order").containsExactly(
                        java.util.Map.entry("a", "3"), java.util.Map.entry("b", "2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "boss:bob", "agt:", "agt:bad name"})
    void malformedConsumerIsAUsageError(String as) {
        CliRun run = expect(2, "--as", as, "list");
        assertThat(run.err()).isEqualTo("error: --as '" + as + "' must be KIND:NAME: KIND one of adm, agt, atm and "
                + "NAME 1-100 of letters, digits, '.', '_', '@', '-'; e.g. agt:my-harness\n");
    }

    @Test
    void malformedProjectIsAUsageError() {
        CliRun run = expect(2, "create", "--profile", "echo", "--project", "Not_A_Project");
        assertThat(run.err()).startsWith("error: --project 'Not_A_Project' must be").contains("lower-case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"describe", "destroy", "extend", "recreate"})
    void unknownSandboxIsNotFound(String command) {
        String[] args = switch (command) {
            case "extend" -> new String[] {"extend", "sb-nope", "--by", "10m"};
            default -> new String[] {command, "sb-nope"};
        };
        CliRun run = expect(3, args);
        assertThat(run.err()).startsWith("error: sandbox sb-nope not found\nhint: ");
        assertThat(run.out()).isEmpty();
    }

    /**
     * exec exits with the command's own code, so its own failures cannot reuse 1-6: they exit 125 (as podman exec
     * does), and the error line says which failure it was.
     */
    @Test
    void execThatCannotRunTheCommandExits125WithTheReason() {
        CliRun missing = expect(125, "exec", "sb-nope", "--", "echo", "hi");
        assertThat(missing.err()).startsWith("error: sandbox sb-nope not found\nhint: ");
        assertThat(missing.out()).isEmpty();

        CliRun usage = expect(125, "exec", "sb-nope", "--env", "NOEQUALS", "--", "true");
        assertThat(usage.err()).isEqualTo("error: --env 'NOEQUALS' must be KEY=VALUE\n");
        assertThat(expect(125, "exec").err()).startsWith("error: Missing required parameter")
                .contains("try 'sandboxer exec --help'");
        assertThat(expect(125, "exec", "sb-nope", "--timeout", "0s", "--", "true").err())
                .startsWith("error: --timeout '0s' must be positive");
        CliRun globalOption = expect(125, "--as", "bob", "exec", "sb-nope", "--", "true");
        assertThat(globalOption.err()).startsWith("error: --as 'bob' must be KIND:NAME");
        assertThat(expect(2, "--as", "bob", "list").err()).as("other commands keep 2")
                .startsWith("error: --as 'bob'");
        assertThat(expect(2, "--home", "exec", "list").err()).as("'exec' as an option's value is not the command")
                .contains("--home");
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
    void extendingPastTheHardMaximumIsBadInput() {
        String id = cli.run("create", "--profile", "echo", "--input", "name=ada").outLines().getFirst();
        CliRun run = expect(2, "extend", id, "--by", "3h");
        assertThat(run.err()).startsWith("error: ").contains("hard maximum").contains("hint: extend by at most");
    }

    @Test
    void execInADestroyedSandboxIsSandboxersFailureNotTheCommands() {
        String id = cli.run("create", "--profile", "echo", "--input", "name=ada").outLines().getFirst();
        cli.run("destroy", id);
        CliRun run = expect(125, "exec", id, "--", "echo", "hi");
        assertThat(run.err()).startsWith("error: ").contains("destroyed").contains("exec needs a ready sandbox");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void execPassesTheCommandsExitCodeEvenWhenItLooksLikeOneOfSandboxersOwn() {
        String id = cli.run("create", "--profile", "echo", "--input", "name=ada").outLines().getFirst();
        for (int code : new int[] {1, 2, 3, 4, 5, 6}) {
            CliRun run = expect(code, "exec", id, "--", "sh", "-c", "exit " + code);
            assertThat(run.err()).as("no error line: sand-boxer did its job").isEmpty();
        }
    }

    @Test
    void noCommandPrintsUsageAndCountsAsBadInput() {
        CliRun run = expect(2);
        assertThat(run.err()).contains("Usage: sandboxer").contains("Exit codes:");
    }
}
