package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.host.Hosts;
import dev.sandboxer.core.profile.Quantities;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists hosts with free capacity and their latest telemetry; --refresh reads every host now.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer hosts list", "  sandboxer hosts list --refresh -o json"})
final class HostsListCommand extends Subcommand {

    @Option(names = "--refresh", description = "Read telemetry from every host first (stale hosts are marked).")
    boolean refresh;

    @Override
    public Integer call() {
        List<Hosts.View> views;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            views = sandboxes.hosts(refresh);
        }
        if (global().json()) {
            printJson(views.stream().map(HostsInspectCommand::json).toList());
            return 0;
        }
        RelativeTime relative = relative();
        Table table = new Table("NAME", "ADDRESS", "STATE", "FREE CPU", "FREE MEMORY", "SANDBOXES", "LOAD",
                "MEM FREE", "DISK", "SEEN");
        for (Hosts.View v : views) {
            table.row(v.host().name(), v.host().address() + ":" + v.host().port(),
                    v.stale() ? "stale" : v.host().state().name().toLowerCase(java.util.Locale.ROOT),
                    Quantities.formatCpu(v.free().cpuMillis()) + "/" + Quantities.formatCpu(v.host().capacity().cpuMillis()),
                    v.free().memoryMb() + "/" + v.host().capacity().memoryMb() + " MiB",
                    v.reserved().sandboxes() + "/" + v.host().capacity().sandboxes(),
                    v.latest().filter(s -> s.load1().isPresent()).map(s -> String.format("%.2f", s.load1().getAsDouble())).orElse("-"),
                    v.latest().filter(s -> s.memoryFreeMb().isPresent()).map(s -> s.memoryFreeMb().getAsLong() + " MiB").orElse("-"),
                    v.latest().filter(s -> s.diskUsedPercent().isPresent()).map(s -> s.diskUsedPercent().getAsInt() + "%").orElse("-"),
                    v.latest().map(s -> relative.of(s.at())).orElse("never"));
        }
        table.print(out());
        return 0;
    }
}
