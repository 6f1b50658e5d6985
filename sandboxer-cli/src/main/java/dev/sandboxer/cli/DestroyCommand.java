package dev.sandboxer.cli;

import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = "Destroys a sandbox and everything its backend made for it; destroying twice is fine.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer destroy sb-0123abcd", "  sandboxer destroy sb-0123abcd --reason done-with-ticket"})
final class DestroyCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The sandbox.")
    String id;

    @Option(names = "--reason", paramLabel = "R", defaultValue = "user",
            description = "Why, for the record (default: ${DEFAULT-VALUE}).")
    String reason;

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        Sandbox sandbox;
        boolean already;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            already = sandboxes.get(id).state() == SandboxState.DESTROYED;
            sandbox = sandboxes.destroy(id, reason);
        }
        if (global().json()) {
            printJson(sandbox);
        } else {
            out().println(already ? sandbox.id() + " was already destroyed" : "destroyed " + sandbox.id());
        }
        return 0;
    }
}
