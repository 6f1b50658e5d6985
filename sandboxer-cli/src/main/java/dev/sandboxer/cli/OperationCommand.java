package dev.sandboxer.cli;

import dev.sandboxer.core.model.Operation;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "operation", mixinStandardHelpOptions = true,
        description = "Shows one operation by its id (as a create's answer or 'operations' gives it): for polling.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer operation op-0123abcd", "  sandboxer operation op-0123abcd -o json"})
final class OperationCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "OPERATION_ID", description = "The operation.")
    String id;

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        Operation operation;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            operation = sandboxes.operation(id);
        }
        if (global().json()) {
            printJson(operation);
        } else {
            OperationsCommand.print(List.of(operation), out());
            operation.error().ifPresent(error -> out().println("error: " + error));
        }
        return 0;
    }
}
