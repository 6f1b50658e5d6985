package dev.sandboxer.cli;

import picocli.CommandLine.Command;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "A project's own provider keys (BYOK) for hosted extensions: sealed with AES-GCM, never "
                + "shown again, used only when a sandbox is provisioned; see docs/billing.md.",
        subcommands = {KeysSetCommand.class, KeysListCommand.class, KeysRemoveCommand.class,
            KeysRotateCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  E2B_KEY=... sandboxer keys set --project team-a --extension e2b --key-env E2B_KEY",
            "  sandboxer keys list --project team-a",
            "  sandboxer keys remove --project team-a --extension e2b",
        })
final class KeysCommand extends Subcommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return FailureReport.INVALID;
    }
}
