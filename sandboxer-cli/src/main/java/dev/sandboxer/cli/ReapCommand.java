package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.Sandbox;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "reap", mixinStandardHelpOptions = true,
        description = "Destroys every sandbox whose time is up (reason: ttl) and prints what it destroyed.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer reap", "  sandboxer reap -o json",
            "Safe to run from cron: a sandbox is never reaped twice."})
final class ReapCommand extends Subcommand {

    @Override
    public Integer call() {
        List<Sandbox> reaped;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            reaped = sandboxes.reap();
        }
        if (global().json()) {
            printJson(reaped);
            return 0;
        }
        if (reaped.isEmpty()) {
            out().println("nothing to reap");
        }
        RelativeTime relative = relative();
        for (Sandbox s : reaped) {
            out().println("reaped " + s.id() + " (" + s.profile().id() + "@" + s.profile().version() + ", project "
                    + s.project() + ", expired " + relative.of(s.expiresAt()) + ")");
        }
        return 0;
    }
}
