package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists sandboxes, newest first; destroyed ones only with --all or --state destroyed.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer list",
            "  sandboxer list --project team-a --state ready --label ticket=T-42",
            "  sandboxer list --all --limit 200 -o json",
        })
final class ListCommand extends Subcommand {
    private static final String DEFAULT_LIMIT = "50";

    @Option(names = "--project", paramLabel = "P", converter = Converters.Project.class,
            description = "Only these projects; repeatable (default: every project you may see).")
    List<String> projects = new ArrayList<>();

    @Option(names = "--consumer", paramLabel = "KIND:NAME", converter = Converters.ConsumerText.class,
            description = "Only sandboxes created by this consumer.")
    Consumer byConsumer;

    @Option(names = "--state", paramLabel = "STATE", converter = Converters.State.class,
            description = "Only these states; repeatable: requested, provisioning, ready, paused, destroying, "
                    + "destroyed, failed, lost.")
    List<SandboxState> states = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "ID", description = "Only sandboxes of this profile.")
    String profile;

    @Option(names = "--label", paramLabel = "KEY=VALUE", converter = Converters.Pair.class,
            description = "Only sandboxes with this label; repeatable.")
    List<Converters.KeyValue> labels = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = DEFAULT_LIMIT, converter = Converters.ListLimit.class,
            description = "At most N sandboxes (1-1000, default: ${DEFAULT-VALUE}).")
    long limit;

    @Option(names = "--cursor", paramLabel = "C", description = "Continue from where a previous list stopped.")
    String cursor;

    @Option(names = "--all", description = "Include destroyed sandboxes.")
    boolean all;

    @Override
    public Integer call() {
        SandboxFilter filter = new SandboxFilter(Set.copyOf(projects), Optional.ofNullable(byConsumer),
                visibleStates(), Optional.ofNullable(profile), Converters.KeyValue.toMap(labels));
        Page<Sandbox> page;
        try (Sandboxes sandboxes = sandboxes(scope(consumer()))) {
            page = sandboxes.list(filter, Optional.ofNullable(cursor), (int) limit);
        }
        if (global().json()) {
            printJson(page);
            return 0;
        }
        RelativeTime relative = relative();
        Table table = new Table("ID", "PROFILE", "EXTENSION", "STATE", "PROJECT", "CONSUMER", "EXPIRES");
        for (Sandbox s : page.items()) {
            table.row(s.id(), s.profile().id() + "@" + s.profile().version(), s.routing().extensionId(),
                    s.state().id(), s.project(), s.consumer().toString(),
                    s.state() == SandboxState.DESTROYED ? "-" : relative.of(s.expiresAt()));
        }
        table.print(out());
        page.nextCursor().ifPresent(next -> err().println("more: " + again(nextPage(next))));
        return 0;
    }

    /** This listing's options again with the cursor, so the next page continues the same listing. */
    List<String> nextPage(String next) {
        List<String> args = new ArrayList<>();
        projects.forEach(p -> args.addAll(List.of("--project", p)));
        if (byConsumer != null) {
            args.addAll(List.of("--consumer", byConsumer.toString()));
        }
        states.forEach(s -> args.addAll(List.of("--state", s.id())));
        if (profile != null) {
            args.addAll(List.of("--profile", profile));
        }
        labels.forEach(l -> args.addAll(List.of("--label", l.toString())));
        if (limit != Long.parseLong(DEFAULT_LIMIT)) {
            args.addAll(List.of("--limit", Long.toString(limit)));
        }
        if (all) {
            args.add("--all");
        }
        args.addAll(List.of("--cursor", next));
        return args;
    }

    /** An explicit --state wins; otherwise destroyed sandboxes, which are only history, stay out of the way. */
    private Set<SandboxState> visibleStates() {
        if (!states.isEmpty()) {
            return Set.copyOf(states);
        }
        if (all) {
            return Set.of();
        }
        return EnumSet.complementOf(EnumSet.of(SandboxState.DESTROYED));
    }

    /** Operators see everything; others see the projects they name, else the default one. */
    private Scope scope(Consumer consumer) {
        if (consumer.kind() == Consumer.Kind.ADM) {
            return Scope.ALL;
        }
        return new Scope(projects.isEmpty() ? Set.of("default") : Set.copyOf(projects));
    }
}
