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
        description = "Prints the event log, oldest first; -o json prints CloudEvents 1.0, one per line; "
                + "--follow keeps printing new events as they happen.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer events --sandbox sb-0123abcd",
            "  sandboxer events --after 120 --limit 500 -o json",
            "  sandboxer events --follow -o json",
            "With --follow and --sandbox it ends when that sandbox is destroyed; otherwise at Ctrl-C.",
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

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events as they are appended.")
    boolean follow;

    @Mixin
    ProjectOption project;

    /** How often --follow asks for new events (the same in embedded and remote mode). */
    static final java.time.Duration FOLLOW_POLL = java.time.Duration.ofMillis(300);

    @Override
    public Integer call() {
        if (follow) {
            return follow();
        }
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

    /**
     * Prints events as they come: every {@link #FOLLOW_POLL}, the events after the last one printed, one line
     * each (a table cannot grow), until interrupted or, with --sandbox, until that sandbox is destroyed.
     */
    private int follow() {
        long last = after;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            if (!global().json()) {
                out().println(String.join("  ", "SEQ", "TIME", "TYPE", "SANDBOX", "INITIATOR", "REASON"));
            }
            while (true) {
                List<CloudEvent> events = sandboxes.events(Optional.ofNullable(sandbox), last, (int) limit);
                for (CloudEvent e : events) {
                    out().println(global().json() ? JsonFormat.line(e) : String.join("  ", Long.toString(e.seq()),
                            e.time().toString(), e.shortType(), e.subject(), e.datum("initiator"), e.datum("reason")));
                    last = e.seq();
                    if (sandbox != null && e.shortType().equals("destroyed")) {
                        out().flush();
                        return 0;
                    }
                }
                out().flush();
                if (events.size() < limit) {
                    Thread.sleep(FOLLOW_POLL.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
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
