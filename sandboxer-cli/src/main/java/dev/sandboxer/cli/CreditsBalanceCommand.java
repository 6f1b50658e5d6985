package dev.sandboxer.cli;

import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.billing.Money;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "balance", mixinStandardHelpOptions = true,
        description = "A project's balance (derived from the ledger), what live sandboxes hold, and what is left.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer credits balance --project team-a -o json"})
final class CreditsBalanceCommand extends Subcommand {

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            print(this, sandboxes.balance(project.project()));
        }
        return 0;
    }

    static void print(Subcommand command, Ledger.Balance b) {
        if (command.global().json()) {
            command.printJson(b);
            return;
        }
        command.out().println("project    " + b.project());
        command.out().println("balance    " + Money.format(b.balance(), b.currency()));
        command.out().println("reserved   " + Money.format(b.reserved(), b.currency()) + " (estimates of live "
                + "sandboxes, not yet charged)");
        command.out().println("available  " + Money.format(b.available(), b.currency()));
        command.out().println("granted    " + Money.format(b.granted(), b.currency()));
        command.out().println("spent      " + Money.format(b.spent(), b.currency()));
        command.out().println("budget     " + (b.enforced() ? "enforced" : "not enforced (no credits granted)"));
    }
}
