package dev.sandboxer.cli;

import dev.sandboxer.core.billing.ProviderKeys;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Which extensions a project has its own key for; never the keys.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer keys list --project team-a"})
final class KeysListCommand extends Subcommand {

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        List<ProviderKeys.KeyInfo> keys;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            keys = sandboxes.providerKeys(project.project());
        }
        if (global().json()) {
            printJson(keys);
            return 0;
        }
        if (keys.isEmpty()) {
            out().println("project " + project.project() + " has no provider keys");
        }
        for (ProviderKeys.KeyInfo k : keys) {
            out().println(k.extension() + "  sealed with " + k.sealedWith() + "  since " + k.createdAt());
        }
        return 0;
    }
}
