package dev.sandboxer.cli;

import dev.sandboxer.core.billing.Ledger;
import dev.sandboxer.core.billing.Money;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "statement", mixinStandardHelpOptions = true,
        description = "Every movement of a project's credits in a period, with opening and closing balance.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer credits statement --project team-a --from 2026-12-01"})
final class CreditsStatementCommand extends Subcommand {

    @Mixin
    ProjectOption project;

    @Mixin
    PeriodOptions period;

    @Override
    public Integer call() {
        Ledger.Statement s;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            s = sandboxes.statement(project.project(), period.period(environment().clock().instant()));
        }
        if (global().json()) {
            printJson(s);
            return 0;
        }
        out().println("project " + s.project() + ", " + s.from() + " to " + s.to());
        out().println("opening  " + Money.format(s.opening(), s.currency()));
        for (Ledger.Line line : s.lines()) {
            out().printf("  %s  %-10s %12s  %s%s%n", line.at(), line.kind(), Money.format(line.amount(),
                    s.currency()), line.sandboxId().map(id -> id + " ").orElse(""), line.memo());
        }
        out().println("charges  " + Money.format(s.charges(), s.currency()));
        out().println("closing  " + Money.format(s.closing(), s.currency()));
        return 0;
    }
}
