package dev.sandboxer.cli;

import picocli.CommandLine.Command;

@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "Registers the remote hosts sandboxes are placed on, and shows their capacity and telemetry "
                + "(see docs/hosts.md); with --server the server does it, and paths are on its machine.",
        subcommands = {HostsAddCommand.class, HostsListCommand.class, HostsInspectCommand.class,
            HostsDrainCommand.class, HostsActivateCommand.class, HostsRemoveCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer hosts add h1 --address 10.0.0.5 --key ~/.ssh/id_ecdsa --known-hosts ~/.ssh/known_hosts "
                + "--cpu 8 --memory 16Gi --max-sandboxes 20",
            "  sandboxer hosts list", "  sandboxer hosts inspect h1", "  sandboxer hosts drain h1",
            "  sandboxer hosts remove h1"})
final class HostsCommand extends Subcommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return FailureReport.INVALID;
    }
}
