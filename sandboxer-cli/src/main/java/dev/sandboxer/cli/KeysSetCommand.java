package dev.sandboxer.cli;

import dev.sandboxer.core.billing.ProviderKeys;
import dev.sandboxer.spi.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Registers (or replaces) a project's own key for an extension. The key is read from an "
                + "environment variable or a file, never from the command line, where other users could see it.",
        footerHeading = "%nExamples:%n",
        footer = {"  E2B_KEY=... sandboxer keys set --project team-a --extension e2b --key-env E2B_KEY",
            "  sandboxer keys set --project team-a --extension e2b --key-file ~/.e2b-key"})
final class KeysSetCommand extends Subcommand {

    @Option(names = "--extension", required = true, paramLabel = "ID", description = "The hosted extension.")
    String extension;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--key-env", paramLabel = "NAME", description = "Environment variable holding the key.")
        String env;

        @Option(names = "--key-file", paramLabel = "PATH", description = "File holding the key (first line).")
        Path file;
    }

    @Mixin
    ProjectOption project;

    @Override
    public Integer call() {
        Secret key = read();
        ProviderKeys.KeyInfo info;
        try (Sandboxes sandboxes = sandboxes(project.scopeFor(consumer()))) {
            info = sandboxes.putProviderKey(project.project(), extension, key);
        }
        if (global().json()) {
            printJson(info);
        } else {
            out().println("stored the key of project " + info.project() + " for " + info.extension()
                    + " (sealed with " + info.sealedWith() + "); it will not be shown again");
        }
        return 0;
    }

    /** Errors name where the key was looked for, never what it is. */
    private Secret read() {
        String value;
        if (source.env != null) {
            value = environment().env().get(source.env);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("environment variable " + source.env + " is not set");
            }
        } else {
            try {
                value = Files.readAllLines(source.file).stream().findFirst().orElse("");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + source.file + ": " + e.getClass().getSimpleName());
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException(source.file + " is empty");
            }
        }
        return new Secret(value.strip());
    }
}
