package dev.sandboxer.cli;

import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Runs a command inside a sandbox and exits with its exit code.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "N:the command's own exit code",
            "125:sand-boxer failed, not the command: bad usage, no such sandbox, not ready, backend unavailable, "
                + "internal error; an error: line on stderr says which",
            "126:the command cannot be run (not executable)",
            "127:the command was not found",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer exec sb-0123abcd -- echo hello",
            "  sandboxer exec sb-0123abcd --timeout 30s --env MODE=ci -- sh -c 'make test'",
            "Everything after -- is passed verbatim as argv; no shell is involved unless you name one.",
        })
final class ExecCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The sandbox.")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> argv = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Span.class, defaultValue = "5m",
            description = "Stop the command after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--env", paramLabel = "KEY=VALUE", converter = Converters.Pair.class,
            description = "An environment variable; repeatable.")
    List<Converters.KeyValue> env = new ArrayList<>();

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        ExecRequest request = new ExecRequest(argv, Converters.KeyValue.toMap(env), Optional.empty(), timeout);
        ExecResult result;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            result = sandboxes.exec(id, request);
        }
        // The command's own output, byte for byte as the backend returned it: no added newline.
        out().print(result.stdout());
        out().flush();
        err().print(result.stderr());
        err().flush();
        return result.exitCode();
    }
}
