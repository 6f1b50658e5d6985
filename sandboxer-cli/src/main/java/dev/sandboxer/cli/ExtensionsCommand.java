package dev.sandboxer.cli;

import picocli.CommandLine.Command;

@Command(name = "extensions", mixinStandardHelpOptions = true,
        description = "Shows the installed extensions (backends).",
        subcommands = ExtensionsListCommand.class,
        footerHeading = "%nExamples:%n", footer = {"  sandboxer extensions list"})
final class ExtensionsCommand extends Subcommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return FailureReport.INVALID;
    }
}
