package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HelpTextTest {
    @TempDir
    Path home;

    private static List<CommandLine> all(CommandLine command) {
        List<CommandLine> found = new ArrayList<>(List.of(command));
        command.getSubcommands().values().forEach(sub -> found.addAll(all(sub)));
        return found;
    }

    @Test
    void everyCommandHasADescriptionAndExamples() {
        CommandLine root = Main.commandLine(CliEnvironment.standard(Map.of()));
        assertThat(all(root)).hasSizeGreaterThan(15).allSatisfy(command -> {
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(command.getCommandSpec().usageMessage().description()).as(command.getCommandName())
                    .hasSize(1);
            assertThat(usage).as(command.getCommandName()).contains("Examples:", "  sandboxer ");
        });
    }

    @Test
    void rootUsageDocumentsTheExitCodes() {
        try (TestSandboxer cli = new TestSandboxer(home)) {
            CliRun run = cli.run("--help");
            assertThat(run.exitCode()).isZero();
            assertThat(words(run.out())).contains("Exit codes:", " 0 ok ", " 2 bad input", " 3 not found ",
                    " 4 conflict", " 5 backend unavailable", " 6 provisioning failed", " 7 not allowed",
                    " 125 exec: sand-boxer failed, not the command (any of the above); an error: line on stderr says "
                            + "why ",
                    " 126 exec: the command cannot be run (not executable) ",
                    " 127 exec: the command was not found ",
                    " N exec: otherwise the command's own exit code");
        }
    }

    @Test
    void execUsageDocumentsItsOwnExitCodes() {
        try (TestSandboxer cli = new TestSandboxer(home)) {
            CliRun run = cli.run("exec", "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(words(run.out())).contains("Exit codes:", " N the command's own exit code ",
                    " 125 sand-boxer failed, not the command: bad usage, no such sandbox, not ready, backend "
                            + "unavailable, internal error; an error: line on stderr says which ",
                    " 126 the command cannot be run", " 127 the command was not found");
        }
    }

    /** Usage text with its wrapping and column padding undone. */
    private static String words(String usage) {
        return usage.replaceAll("\\s+", " ");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        try (TestSandboxer cli = new TestSandboxer(home)) {
            assertThat(cli.run("-o", "json", "version").out()).startsWith("{");
            assertThat(cli.run("version", "-o", "json").out()).startsWith("{");
            assertThat(cli.run("profiles", "list", "--output", "json").out()).startsWith("{");
        }
    }

    @Test
    void versionNamesTheProjectVersion() {
        try (TestSandboxer cli = new TestSandboxer(home)) {
            assertThat(cli.run("version").out()).startsWith("sandboxer 0.").doesNotContain("${");
            assertThat(cli.run("--version").out()).startsWith("sandboxer 0.");
        }
    }
}
