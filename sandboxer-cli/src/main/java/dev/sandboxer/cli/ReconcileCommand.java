package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Reconciliation;
import dev.sandboxer.core.engine.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reconcile", aliases = "reap-stale", mixinStandardHelpOptions = true,
        description = "Makes the records and the backends agree: removes orphans (resources with sand-boxer's "
                + "labels but no live sandbox), marks sandboxes whose backend vanished as lost, and records "
                + "what each backend says about its sandboxes. Operators only; a server also runs it by itself.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer reconcile --dry-run", "  sandboxer reconcile -o json",
            "Exit code 0 even when something was found; problems (an extension that could not be asked) are "
                + "printed and give exit code 5."})
final class ReconcileCommand extends Subcommand {

    @Option(names = "--dry-run", description = "Only say what would be done; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Reconciliation result;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            result = sandboxes.reconcile(dryRun);
        }
        if (global().json()) {
            printJson(result);
            return result.problems().isEmpty() ? 0 : FailureReport.UNAVAILABLE;
        }
        String remove = dryRun ? "would remove" : "removed";
        for (var a : result.abandoned()) {
            out().println((dryRun ? "would finish " : "finished ") + a.sandboxId() + " (left " + a.state()
                    + " by a " + a.verb() + " whose process died; destroyed)");
        }
        for (var o : result.orphans()) {
            out().println(remove + " orphan " + o.sandboxId() + " on " + o.extensionId() + " (record: " + o.record()
                    + "; " + String.join(", ", o.resources()) + ")");
        }
        for (var l : result.lost()) {
            out().println((dryRun ? "would mark " : "marked ") + l.sandboxId() + " lost (" + l.extensionId() + ": "
                    + l.detail() + ")");
        }
        for (var o : result.observed()) {
            out().println((dryRun ? "would record " : "recorded ") + o.sandboxId() + " as " + o.status() + " ("
                    + o.detail() + ")");
        }
        if (result.abandoned().isEmpty() && result.orphans().isEmpty() && result.lost().isEmpty()
                && result.observed().isEmpty()) {
            out().println("records and backends agree");
        }
        for (String problem : result.problems()) {
            err().println("problem: " + problem);
        }
        return result.problems().isEmpty() ? 0 : FailureReport.UNAVAILABLE;
    }
}
