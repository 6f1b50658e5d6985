package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Stops new placements on a host; its sandboxes stay until they end.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer hosts drain h1"})
final class HostsDrainCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            sandboxes.drainHost(name);
        }
        out().println("host " + name + " is draining: no new sandboxes are placed there");
        return 0;
    }
}
