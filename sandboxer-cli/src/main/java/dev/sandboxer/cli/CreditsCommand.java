package dev.sandboxer.cli;

import picocli.CommandLine.Command;

@Command(name = "credits", mixinStandardHelpOptions = true,
        description = "A project's credits: grant (operators), balance, statement and billing export. Amounts "
                + "are minor units (cents); see docs/billing.md.",
        subcommands = {CreditsGrantCommand.class, CreditsRefundCommand.class, CreditsBalanceCommand.class,
            CreditsStatementCommand.class, CreditsExportCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer credits grant --project team-a --amount 5000 --memo 'December budget'",
            "  sandboxer credits balance --project team-a",
            "  sandboxer credits statement --project team-a --from 2026-12-01",
            "  sandboxer credits export --project team-a --from 2026-12-01 --to 2027-01-01 --format csv",
        })
final class CreditsCommand extends Subcommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return FailureReport.INVALID;
    }
}
