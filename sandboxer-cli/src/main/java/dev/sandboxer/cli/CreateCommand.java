package dev.sandboxer.cli;

import dev.sandboxer.core.engine.CreateRequest;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.core.model.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Creates a sandbox from a profile and waits until it is ready.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sandboxer create --profile health-probe",
            "  sandboxer create --profile agent-dev@1 --input repo=acme/app --ttl 2h",
            "  sandboxer create --profile health-probe --label ticket=T-42 --project team-a",
            "  sandboxer create --profile health-probe --idempotency-key run-1234 -o json",
            "  sandboxer create --profile web-on-hosts --host build-2",
            "A repeated create with the same --idempotency-key returns the same sandbox.",
        })
final class CreateCommand extends Subcommand {

    @Option(names = "--profile", required = true, paramLabel = "ID[@VERSION]",
            description = "The profile (recipe); the latest version unless @VERSION is given.")
    String profile;

    /** Not an interface: caught only to answer {@code create my-web} with the line that works. */
    @Parameters(hidden = true, arity = "0..*", paramLabel = "WORD")
    List<String> stray = new ArrayList<>();

    @Option(names = "--input", paramLabel = "KEY=VALUE", converter = Converters.Pair.class,
            description = "A profile input; repeatable.")
    List<Converters.KeyValue> inputs = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "DURATION", converter = Converters.Span.class,
            description = "How long it may live, e.g. 30m or 2h (default: the profile's).")
    Duration ttl;

    @Option(names = "--label", paramLabel = "KEY=VALUE", converter = Converters.Pair.class,
            description = "A label to find it by; repeatable.")
    List<Converters.KeyValue> labels = new ArrayList<>();

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Same key and same request return the same sandbox; a different request is refused.")
    String idempotencyKey;

    @Option(names = "--host", paramLabel = "NAME",
            description = "Place it on this registered host (podman-ssh, compose-ssh only; see 'sandboxer hosts list').")
    String host;

    @Mixin
    ProjectOption project;

    @Mixin
    ProgressOption progress;

    /** What to say instead of a parse error when the profile was written where it does not go, if it was. */
    Optional<String> misplacedProfile() {
        if (stray.isEmpty()) {
            return Optional.empty();
        }
        String word = ShellWords.quote(stray.getFirst());
        return Optional.of(profile == null ? "name the profile with --profile: sandboxer create --profile " + word
                : "unexpected argument " + word + ": create takes options only (see 'sandboxer create --help')");
    }

    @Override
    public Integer call() {
        misplacedProfile().ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        CreateRequest request = new CreateRequest(profile, Converters.KeyValue.toMap(inputs), project.project(),
                consumer(), Optional.ofNullable(ttl), Converters.KeyValue.toMap(labels),
                Optional.ofNullable(idempotencyKey), Optional.ofNullable(host));
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            Progress shown = progress.reporter(environment().interactive(), err());
            Sandbox sandbox = project.given() ? sandboxes.create(request, shown)
                    : sandboxes.createWithoutProject(request, shown);
            if (global().json()) {
                printJson(sandbox);
            } else {
                SandboxSummary.print(sandbox, relative(), out());
            }
        }
        return 0;
    }
}
