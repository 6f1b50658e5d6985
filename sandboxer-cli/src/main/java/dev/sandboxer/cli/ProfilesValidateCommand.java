package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks profile files and prints every problem as FILE:LINE:COL: FIELD: MESSAGE.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer profiles validate my-profile.yaml",
            "  sandboxer profiles validate profiles/*.yaml -o json",
            "Exits 0 when every file is fine, 2 when any has a problem."})
final class ProfilesValidateCommand extends Subcommand {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Profile files to check.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        Map<String, List<String>> results = new LinkedHashMap<>();
        boolean clean = true;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            for (Path file : files) {
                List<String> problems = sandboxes.validateProfile(file);
                results.put(file.toString(), problems);
                clean &= problems.isEmpty();
            }
        }
        if (global().json()) {
            printJson(results);
        } else {
            results.forEach((file, problems) -> {
                if (problems.isEmpty()) {
                    out().println(file + ": ok");
                }
                problems.forEach(out()::println);
            });
        }
        return clean ? 0 : FailureReport.INVALID;
    }
}
