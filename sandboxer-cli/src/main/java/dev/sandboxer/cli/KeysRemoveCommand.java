package dev.sandboxer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Forgets a project's own key for an extension; its sandboxes are then charged in full.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer keys remove --project team-a --extension e2b"})
final class KeysRemoveCommand extends Subcommand {

    @Option(names = "--extension", required = true, paramLabel = "ID", description = "The extension.")
    String extension;

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            sandboxes.removeProviderKey(project.project(), extension);
        }
        if (!global().json()) {
            out().println("removed the key of project " + project.project() + " for " + extension);
        } else {
            printJson(java.util.Map.of("project", project.project(), "extension", extension, "removed", true));
        }
        return 0;
    }
}
