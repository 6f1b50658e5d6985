package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Checks that this host (with --server: the server's host) can run sandboxes and says how "
                + "to fix what is missing.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer doctor", "  sandboxer doctor -o json",
            "Exits 0 when every check is OK, 5 (backend unavailable) otherwise."})
final class DoctorCommand extends Subcommand {
    static final int UNAVAILABLE = 5;

    @Override
    public Integer call() {
        List<HostCheck> checks;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            checks = sandboxes.doctor();
        }
        boolean healthy = checks.stream().allMatch(HostCheck::ok);
        if (global().json()) {
            printJson(Map.of("ok", healthy, "checks", checks));
        } else {
            for (HostCheck check : checks) {
                out().println((check.ok() ? "OK    " : "FAIL  ") + check.name()
                        + (check.detail().isBlank() ? "" : ": " + check.detail()));
                if (!check.ok() && !check.fix().isBlank()) {
                    out().println("      fix: " + check.fix());
                }
            }
            out().println(healthy ? "all checks passed" : "some checks failed");
        }
        return healthy ? 0 : UNAVAILABLE;
    }
}
