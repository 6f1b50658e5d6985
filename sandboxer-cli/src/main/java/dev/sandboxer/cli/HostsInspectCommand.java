package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.host.Hosts;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.HostSample;
import dev.sandboxer.core.profile.Quantities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows one host: its key, capacity, what live sandboxes hold, and telemetry read now.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer hosts inspect h1", "  sandboxer hosts inspect h1 -o json"})
final class HostsInspectCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--history", defaultValue = "10", description = "How many past telemetry reads to show.")
    int history;

    @Override
    public Integer call() {
        Hosts.View view;
        List<HostSample> past;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            dev.sandboxer.client.Hosts.Inspection inspection = sandboxes.inspectHost(name, Math.max(1,
                    Math.min(history, Hosts.HISTORY)));
            view = inspection.view();
            past = inspection.history();
        }
        if (global().json()) {
            Map<String, Object> json = json(view);
            json.put("history", past);
            printJson(json);
            return 0;
        }
        Host h = view.host();
        RelativeTime relative = relative();
        out().println("host       " + h.name() + (view.stale() ? " (stale: unreachable at the last read)" : ""));
        out().println("address    ssh://" + h.user() + "@" + h.address() + ":" + h.port() + "  key " + h.keyFile());
        out().println("host key   " + h.hostKeyFingerprint() + " (pinned)");
        out().println("state      " + h.state().name().toLowerCase(java.util.Locale.ROOT));
        out().println("work root  " + h.workRoot());
        out().println("labels     " + (h.labels().isEmpty() ? "-" : h.labels()));
        out().println("capacity   " + Quantities.formatCpu(h.capacity().cpuMillis()) + " cpu, " + h.capacity().memoryMb()
                + " MiB, " + h.capacity().sandboxes() + " sandboxes");
        out().println("reserved   " + Quantities.formatCpu(view.reserved().cpuMillis()) + " cpu, "
                + view.reserved().memoryMb() + " MiB, " + view.reserved().sandboxes() + " sandboxes"
                + (view.sandboxes().isEmpty() ? "" : ": " + String.join(", ", view.sandboxes())));
        out().println("telemetry");
        for (HostSample s : past) {
            out().println("  " + relative.of(s.at()) + "  " + line(s));
        }
        return 0;
    }

    static String line(HostSample s) {
        if (!s.reachable()) {
            return "unreachable: " + s.error().orElse("");
        }
        return "load " + (s.load1().isPresent() ? String.format("%.2f", s.load1().getAsDouble()) : "-")
                + ", memory free " + (s.memoryFreeMb().isPresent() ? s.memoryFreeMb().getAsLong() : "-") + "/"
                + (s.memoryTotalMb().isPresent() ? s.memoryTotalMb().getAsLong() : "-") + " MiB, disk "
                + (s.diskUsedPercent().isPresent() ? s.diskUsedPercent().getAsInt() + "%" : "-") + " used, "
                + (s.containers().isPresent() ? s.containers().getAsInt() : "-") + " sand-boxer containers";
    }

    static Map<String, Object> json(Hosts.View view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", view.host());
        json.put("stale", view.stale());
        json.put("reserved", view.reserved());
        json.put("free", view.free());
        json.put("sandboxes", view.sandboxes());
        json.put("latest", view.latest().orElse(null));
        return json;
    }
}
