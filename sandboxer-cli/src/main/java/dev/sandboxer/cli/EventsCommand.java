package dev.sandboxer.cli;

import dev.sandboxer.client.CloudEvent;
import dev.sandboxer.core.model.SandboxEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Prints the event log, oldest first; -o json prints CloudEvents 1.0, one per line.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer events --sandbox sb-0123abcd",
            "  sandboxer events --after 120 --limit 500 -o json",
        })
final class EventsCommand extends Subcommand {
    private static final String DEFAULT_LIMIT = "100";

    @Option(names = "--sandbox", paramLabel = "ID", description = "Only this sandbox's events.")
    String sandbox;

    @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0", converter = Converters.Sequence.class,
            description = "Only events after this sequence number (default: from the start).")
    long after;

    @Option(names = "--limit", paramLabel = "N", defaultValue = DEFAULT_LIMIT, converter = Converters.EventLimit.class,
            description = "At most N events (1-10000, default: ${DEFAULT-VALUE}).")
    long limit;

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        List<CloudEvent> events;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            events = sandboxes.events(Optional.ofNullable(sandbox), after, (int) limit);
        }
        if (global().json()) {
            events.forEach(e -> out().println(JsonFormat.line(e)));
        } else {
            Table table = new Table("SEQ", "TIME", "TYPE", "SANDBOX", "INITIATOR", "REASON");
            for (CloudEvent e : events) {
                table.row(Long.toString(e.seq()), e.time().toString(), e.shortType(), e.subject(),
                        e.datum("initiator"), e.datum("reason"));
            }
            table.print(out());
        }
        if (events.size() == limit) {
            err().println("more: " + again(nextPage(events.getLast().seq())));
        }
        return 0;
    }

    /** This query's options again, continuing after the last event shown. */
    List<String> nextPage(long last) {
        List<String> args = new ArrayList<>();
        if (sandbox != null) {
            args.addAll(List.of("--sandbox", sandbox));
        }
        if (!project.project().equals(ProjectOption.DEFAULT)) {
            args.addAll(List.of("--project", project.project()));
        }
        if (limit != Long.parseLong(DEFAULT_LIMIT)) {
            args.addAll(List.of("--limit", Long.toString(limit)));
        }
        args.addAll(List.of("--after", Long.toString(last)));
        return args;
    }

    /** {@code dev.sandboxer.sandbox.ready} reads as {@code ready} in a table. */
    static String shortType(String type) {
        return type.startsWith(SandboxEvent.TYPE_PREFIX) ? type.substring(SandboxEvent.TYPE_PREFIX.length()) : type;
    }
}
