package dev.sandboxer.cli;

import dev.sandboxer.core.billing.BillingExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "The billing export: one line per sandbox for a period (profile, extension, host, resources, "
                + "seconds per state, sheet version, amount), as CSV or JSON; its total equals the statement's "
                + "charges.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer credits export --project team-a --from 2026-12-01 --to 2027-01-01 > dec.csv",
            "  sandboxer credits export --project team-a --format json"})
final class CreditsExportCommand extends Subcommand {

    @Option(names = "--format", paramLabel = "csv|json", description = "csv (default) or json.")
    String format = "csv";

    @Mixin
    ProjectOption project;

    @Mixin
    PeriodOptions period;

    @Override
    public Integer call() {
        if (!format.equals("csv") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be csv or json, not '" + format + "'");
        }
        BillingExport.Report report;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            report = sandboxes.billingExport(project.project(), period.period(environment().clock().instant()));
        }
        if (format.equals("json") || global().json()) {
            printJson(report);
        } else {
            out().print(BillingExport.csv(report));
            out().flush();
        }
        return 0;
    }
}
