package dev.sandboxer.cli;

import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.engine.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "grant", mixinStandardHelpOptions = true,
        description = "Adds credits to a project (operators only); with --adjustment, posts a signed correction.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer credits grant --project team-a --amount 5000",
            "  sandboxer credits grant --project team-a --amount -250 --adjustment --memo 'double-billed'"})
final class CreditsGrantCommand extends Subcommand {

    @Option(names = "--amount", required = true, paramLabel = "MINOR_UNITS",
            description = "How much, in minor units (cents): 5000 is 50.00 USD.")
    long amount;

    @Option(names = "--memo", paramLabel = "TEXT", description = "Why; kept on the ledger entry.")
    String memo = "";

    @Option(names = "--adjustment", description = "A signed correction rather than a grant.")
    boolean adjustment;

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        Ledger.Balance balance;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            balance = sandboxes.credit(project.project(), adjustment ? "adjustment" : "grant", amount, memo);
        }
        CreditsBalanceCommand.print(this, balance);
        return 0;
    }
}
