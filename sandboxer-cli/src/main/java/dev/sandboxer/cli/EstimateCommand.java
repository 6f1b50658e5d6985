package dev.sandboxer.cli;

import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Says what a create would cost (resources x TTL x the price sheet in force); makes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer estimate --profile health-probe --ttl 2h",
            "  sandboxer estimate --profile agent-dev --input repo=acme/app --project team-a -o json",
        })
final class EstimateCommand extends Subcommand {

    @Option(names = "--profile", required = true, paramLabel = "ID[@VERSION]", description = "The profile (recipe).")
    String profile;

    @Option(names = "--input", paramLabel = "KEY=VALUE", converter = Converters.Pair.class,
            description = "A profile input; repeatable.")
    List<Converters.KeyValue> inputs = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "DURATION", converter = Converters.Span.class,
            description = "How long it would live, e.g. 30m or 2h (default: the profile's).")
    Duration ttl;

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        Billing.Estimate estimate;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            estimate = sandboxes.estimate(profile, Converters.KeyValue.toMap(inputs), Optional.ofNullable(ttl),
                    project.project());
        }
        if (global().json()) {
            printJson(estimate);
            return 0;
        }
        out().println(Money.format(estimate.amount(), estimate.currency()) + " for " + estimate.ttl() + " on "
                + estimate.extensionId() + " (sheet " + estimate.sheetVersion() + ", "
                + estimate.cpuMillis() / 1000.0 + " vCPU, " + estimate.memoryBytes() / (1024 * 1024) + " MiB"
                + (estimate.ownKey() ? ", project's own provider key: platform fee only" : "") + ")");
        return 0;
    }

}
