package dev.sandboxer.cli;

import dev.sandboxer.core.model.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "recreate", mixinStandardHelpOptions = true,
        description = "Tears a sandbox's backend down and provisions it again from the same profile version "
                + "and inputs; the id and expiry stay.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer recreate sb-0123abcd"})
final class RecreateCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The sandbox.")
    String id;

    @Mixin
    ProjectOption project;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
        Sandbox sandbox;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            sandbox = sandboxes.recreate(id, progress.reporter(environment().interactive(), err()));
        }
        if (global().json()) {
            printJson(sandbox);
        } else {
            SandboxSummary.print(sandbox, relative(), out());
        }
        return 0;
    }
}
