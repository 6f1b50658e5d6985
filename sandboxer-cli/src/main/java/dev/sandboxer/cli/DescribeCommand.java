package dev.sandboxer.cli;

import dev.sandboxer.core.engine.SandboxDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Answers the seven questions about a sandbox: recipe, backend, placement, isolation, reach, "
                + "history, cost.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer describe sb-0123abcd", "  sandboxer describe sb-0123abcd -o json"})
final class DescribeCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The sandbox.")
    String id;

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        SandboxDescription description;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            description = sandboxes.describe(id);
        }
        if (global().json()) {
            printJson(description);
        } else {
            new DescriptionText(description, relative()).print(out());
        }
        return 0;
    }
}
