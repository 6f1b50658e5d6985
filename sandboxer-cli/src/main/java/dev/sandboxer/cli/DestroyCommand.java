package dev.sandboxer.cli;

import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
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
        Scope scope = project.scopeFor(consumer());
        Sandbox sandbox;
        boolean already;
        try (ControlPlanes.Session session = openControlPlane()) {
            SandboxEngine engine = session.plane().engine();
            already = engine.get(id, scope).state() == SandboxState.DESTROYED;
            sandbox = engine.destroy(id, consumer(), reason, scope);
        }
        if (global().json()) {
            printJson(sandbox);
        } else {
            out().println(already ? sandbox.id() + " was already destroyed" : "destroyed " + sandbox.id());
        }
        return 0;
    }
}
