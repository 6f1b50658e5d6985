package dev.sandboxer.cli;

import picocli.CommandLine.Command;

@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Makes, lists and revokes API tokens for the server (operators only).",
        subcommands = {TokensCreateCommand.class, TokensListCommand.class, TokensRevokeCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer tokens create --consumer agt:glas-harness --project p1",
            "  sandboxer tokens list", "  sandboxer tokens revoke tk-abcdefghij"})
final class TokensCommand extends Subcommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return FailureReport.INVALID;
    }
}
