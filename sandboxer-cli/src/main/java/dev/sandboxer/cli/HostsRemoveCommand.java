package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Removes a host from the registry; refused while sandboxes live there.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer hosts drain h1 && sandboxer hosts remove h1"})
final class HostsRemoveCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            sandboxes.removeHost(name);
        }
        out().println("removed host " + name);
        return 0;
    }
}
