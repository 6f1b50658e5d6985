package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
class ProfilesCommandsTest {
    @Parameter
    TestSandboxer.Mode mode;

    @TempDir
    Path home;

    @TempDir
    Path work;

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
    void listShowsBuiltInAndUserProfiles() {
        CliRun run = cli.run("profiles", "list");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines().getFirst().split("\\s+")).startsWith("ID", "VERSION", "EXTENSION", "TTL", "MAX");
        assertThat(run.out()).contains("health-probe").contains("echo").contains("reference");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void listReportsBrokenFilesWithoutFailing() {
        assumeTrue(!cli.remote(), "GET /v1/profiles lists the profiles, not the server's broken files");
        cli.profile("broken.yaml", TestProfiles.MALFORMED);
        CliRun run = cli.run("profiles", "list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("echo");
        assertThat(run.err()).contains("problem: ").contains("broken.yaml:");
    }

    @Test
    void showPrintsTheYamlSource() {
        CliRun run = cli.run("profiles", "show", "echo");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("# echo@1 from ").contains(TestProfiles.ECHO);
        CliRun builtin = cli.run("profiles", "show", "health-probe@1");
        assertThat(builtin.out()).contains("builtin:health-probe.yaml").contains("id: health-probe");
    }

    @Test
    void showAsJsonIsTheProfileAsRead() throws Exception {
        JsonNode profile = new ObjectMapper().readTree(cli.run("profiles", "show", "echo", "-o", "json").out());
        assertThat(profile.get("id").asText()).isEqualTo("echo");
        assertThat(profile.at("/inputs/name/required").asBoolean()).isTrue();
    }

    @Test
    void showOfAnUnknownProfileIsBadInput() {
        CliRun run = cli.run("profiles", "show", "nope");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("nope");
    }

    @Test
    void validateAcceptsAGoodFile() throws Exception {
        Path file = Files.writeString(work.resolve("good.yaml"), TestProfiles.ECHO.replace("id: echo", "id: echo-two"));
        CliRun run = cli.run("profiles", "validate", file.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(file + ": ok\n");
    }

    @Test
    void validateReportsEveryProblemWithFileLineAndColumn() throws Exception {
        Path file = Files.writeString(work.resolve("bad.yaml"), TestProfiles.MALFORMED);
        CliRun run = cli.run("profiles", "validate", file.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.outLines()).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(line -> line.matches(java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: .+"));
        assertThat(run.out()).contains(file + ":5:12: ttl.default: ").contains("colour");
        ErrorReportingTest.assertNoStackTrace(run);
    }

    @Test
    void validateOfAMissingFileIsBadInput() {
        CliRun run = cli.run("profiles", "validate", work.resolve("absent.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("absent.yaml:1:1: ");
        assertThat(run.allLines()).noneMatch(line -> line.contains("\tat "));
    }

    @Test
    void malformedUserProfileMakesCreateOfItBadInput() {
        cli.profile("broken.yaml", TestProfiles.MALFORMED);
        CliRun run = cli.run("create", "--profile", "broken");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("profiles validate");
        ErrorReportingTest.assertNoStackTrace(run);
    }
}
