package dev.sandboxer.cli;

import dev.sandboxer.core.model.Operation;
import dev.sandboxer.core.model.SandboxState;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "operations", mixinStandardHelpOptions = true,
        description = "Lists a sandbox's operations, oldest first: verb, transition, reason, initiator, status, error.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer operations sb-0123abcd", "  sandboxer operations sb-0123abcd -o json"})
final class OperationsCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The sandbox.")
    String id;

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        List<Operation> operations;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            operations = sandboxes.operations(id);
        }
        if (global().json()) {
            printJson(operations);
        } else {
            print(operations, out());
        }
        return 0;
    }

    static void print(List<Operation> operations, PrintWriter out) {
        Table table = new Table("ID", "STARTED", "VERB", "TRANSITION", "REASON", "INITIATOR", "STATUS", "ERROR");
        for (Operation op : operations) {
            table.row(op.id(), op.startedAt().toString(), op.verb().id(),
                    op.fromState().id() + "->" + op.toState().map(SandboxState::id).orElse("?"), op.reason(),
                    op.initiator().toString(), op.status().id(),
                    op.error().map(e -> e.lines().findFirst().orElse("")).orElse("-"));
        }
        table.print(out);
    }
}
