package dev.sandboxer.cli;

import dev.sandboxer.core.engine.SandboxDescription;
import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.spi.Endpoint;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The seven questions (DESIGN §1) as numbered sections a person can read top to bottom. */
final class DescriptionText {
    /** The event log is long; the operations tell the story, the last few events show the detail. */
    private static final int EVENTS_SHOWN = 5;

    private final SandboxDescription d;
    private final RelativeTime relative;

    DescriptionText(SandboxDescription description, RelativeTime relative) {
        this.d = description;
        this.relative = relative;
    }

    void print(PrintWriter out) {
        out.println(d.id() + "  " + d.state() + "  project " + d.project() + "  by " + d.consumer());
        out.println("  created  " + d.createdAt());
        out.println("  expires  " + (SandboxState.DESTROYED.id().equals(d.state()) ? "-"
                : relative.of(d.expiresAt()) + " (" + d.expiresAt() + ")") + ", hard maximum " + d.maxExpiresAt());
        d.failure().ifPresent(why -> {
            out.println("  failure  " + why.lines().findFirst().orElse(""));
            why.lines().skip(1).forEach(line -> out.println("           " + line));
        });
        recipe(out);
        backend(out);
        placement(out);
        isolation(out);
        reach(out);
        history(out);
        cost(out);
    }

    private void recipe(PrintWriter out) {
        SandboxDescription.Recipe r = d.recipe();
        out.println();
        out.println("1. Recipe");
        field(out, "profile", r.profile() + "@" + r.version());
        field(out, "digest", r.digest());
        field(out, "inputs", pairs(r.inputs()));
        field(out, "labels", pairs(r.labels()));
    }

    private void backend(PrintWriter out) {
        SandboxDescription.Backend b = d.backend();
        out.println();
        out.println("2. Backend");
        field(out, "extension", b.extension() + " " + b.version() + " (" + b.kind().replace('_', '-') + ")");
        field(out, "chosen", b.reason());
    }

    private void placement(PrintWriter out) {
        SandboxDescription.Placement p = d.placement();
        out.println();
        out.println("3. Placement");
        field(out, "location", p.location());
        field(out, "deadline", p.backendDeadline().map(at -> at + " (enforced by the backend)")
                .orElse("none in the backend; the control plane's lease only"));
    }

    private void isolation(PrintWriter out) {
        SandboxDescription.Isolation i = d.isolation();
        out.println();
        out.println("4. Isolation");
        field(out, "egress", i.egress() + (i.allow().isEmpty() ? "" : " (allow " + String.join(", ", i.allow()) + ")"));
        field(out, "cpu", i.cpuMillis() == 0 ? "unlimited" : i.cpuMillis() + "m");
        field(out, "memory", i.memoryBytes() == 0 ? "unlimited" : mebibytes(i.memoryBytes()));
        field(out, "applied", pairs(i.applied()));
        field(out, "access", i.access());
    }

    private void reach(PrintWriter out) {
        out.println();
        out.println("5. Reach");
        Optional<String> unreachable = SandboxSummary.unreachable(SandboxState.fromId(d.state()));
        if (unreachable.isPresent()) {
            out.println("   (" + unreachable.get() + ")");
            return;
        }
        if (d.reach().isEmpty()) {
            out.println("   (no endpoints)");
            return;
        }
        Table table = new Table("   NAME", "KIND", "ADDRESS");
        for (Endpoint e : d.reach()) {
            table.row("   " + e.name(), e.kind(), e.address());
        }
        table.print(out);
    }

    private void history(PrintWriter out) {
        SandboxDescription.History h = d.history();
        out.println();
        out.println("6. History");
        Table ops = new Table("   TIME", "VERB", "TRANSITION", "REASON", "INITIATOR", "STATUS", "ERROR");
        for (Operation op : h.operations()) {
            ops.row("   " + op.startedAt(), op.verb().id(),
                    op.fromState().id() + "->" + op.toState().map(SandboxState::id).orElse("?"), op.reason(),
                    op.initiator().toString(), op.status().id(),
                    op.error().map(e -> e.lines().findFirst().orElse("")).orElse("-"));
        }
        ops.print(out);
        List<SandboxEvent> events = h.events();
        out.println("   events: " + events.size() + (events.size() > EVENTS_SHOWN ? " (last " + EVENTS_SHOWN + ")" : ""));
        for (SandboxEvent e : events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size())) {
            out.println("     #" + e.seq() + "  " + e.time() + "  " + EventsCommand.shortType(e.type()));
        }
    }

    private void cost(PrintWriter out) {
        SandboxDescription.Cost c = d.cost();
        out.println();
        out.println("7. Cost");
        field(out, "usage", RelativeTime.span(java.time.Duration.ofSeconds(c.liveSeconds())) + " live, "
                + c.vcpuSeconds() + " vCPU-s, " + c.gibSeconds() + " GiB-s");
        if (!c.secondsByState().isEmpty()) {
            field(out, "states", c.secondsByState().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "s")
                    .collect(Collectors.joining(", ")));
        }
        field(out, "prices", c.priceSheet());
        field(out, "cost", dev.sandboxer.core.billing.Money.format(c.amountSoFar(), c.currency()) + " so far");
        field(out, "charged", c.charged());
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("   %-10s %s%n", name, value.isEmpty() ? "-" : value);
    }

    private static String pairs(Map<String, String> values) {
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String mebibytes(long bytes) {
        long mib = bytes / (1024 * 1024);
        return mib >= 1024 && mib % 1024 == 0 ? mib / 1024 + "Gi" : mib + "Mi";
    }
}
