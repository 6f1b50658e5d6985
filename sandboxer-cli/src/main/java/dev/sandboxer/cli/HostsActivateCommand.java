package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "activate", mixinStandardHelpOptions = true,
        description = "Lets a drained host take new sandboxes again.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer hosts activate h1"})
final class HostsActivateCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            sandboxes.activateHost(name);
        }
        out().println("host " + name + " is active: new sandboxes may be placed there");
        return 0;
    }
}
