package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import picocli.CommandLine.Command;

@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Re-seals every provider key under the current key-encryption key (operators only). Set the "
                + "new key as SANDBOXER_KEY_ENCRYPTION_KEY and the old one in SANDBOXER_KEY_ENCRYPTION_KEYS_OLD, "
                + "rotate, then drop the old one.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer keys rotate",
            "with SANDBOXER_KEY_ENCRYPTION_KEY_ID=k2, SANDBOXER_KEY_ENCRYPTION_KEY=<new> and",
            "SANDBOXER_KEY_ENCRYPTION_KEYS_OLD=k1:<old> set for the run."})
final class KeysRotateCommand extends Subcommand {

    @Override
    public Integer call() {
        int resealed;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            resealed = sandboxes.rotateProviderKeys();
        }
        if (global().json()) {
            printJson(java.util.Map.of("resealed", resealed));
        } else {
            out().println("re-sealed " + resealed + " provider key" + (resealed == 1 ? "" : "s"));
        }
        return 0;
    }
}
