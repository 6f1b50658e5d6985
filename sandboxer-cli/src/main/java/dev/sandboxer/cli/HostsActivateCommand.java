package dev.sandboxer.cli;

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
        HostsCommand.refuseRemote(this);
        try (ControlPlanes.Session session = openControlPlane()) {
            session.plane().hosts().activate(name);
        }
        out().println("host " + name + " is active: new sandboxes may be placed there");
        return 0;
    }
}
