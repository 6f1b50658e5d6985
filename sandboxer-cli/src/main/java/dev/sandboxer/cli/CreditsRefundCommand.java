package dev.sandboxer.cli;

import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.engine.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "refund", mixinStandardHelpOptions = true,
        description = "Gives back part or all of what a sandbox was charged (operators only); at most its net charges.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer credits refund --project team-a --sandbox sb-0123abcd --amount 40 --memo 'outage'"})
final class CreditsRefundCommand extends Subcommand {

    @Option(names = "--sandbox", required = true, paramLabel = "ID", description = "The sandbox whose charges to refund.")
    String sandbox;

    @Option(names = "--amount", required = true, paramLabel = "MINOR_UNITS", description = "How much, in minor units.")
    long amount;

    @Option(names = "--memo", paramLabel = "TEXT", description = "Why; kept on the ledger entry.")
    String memo = "";

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        Ledger.Balance balance;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            balance = sandboxes.refund(project.project(), sandbox, amount, memo);
        }
        CreditsBalanceCommand.print(this, balance);
        return 0;
    }
}
