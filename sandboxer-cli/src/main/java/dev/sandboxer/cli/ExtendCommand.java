package dev.sandboxer.cli;

import dev.sandboxer.core.model.Sandbox;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "extend", mixinStandardHelpOptions = true,
        description = "Moves a sandbox's expiry later, in the control plane and in the backend.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer extend sb-0123abcd --by 30m"})
final class ExtendCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The sandbox.")
    String id;

    @Option(names = "--by", required = true, paramLabel = "DURATION", converter = Converters.Span.class,
            description = "How much longer, e.g. 30m; capped by the profile's hard maximum.")
    Duration by;

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        Sandbox sandbox;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            sandbox = sandboxes.extend(id, by);
        }
        if (global().json()) {
            printJson(sandbox);
        } else {
            out().println(sandbox.id() + " now expires " + relative().of(sandbox.expiresAt()) + " ("
                    + sandbox.expiresAt() + ")");
        }
        return 0;
    }
}
