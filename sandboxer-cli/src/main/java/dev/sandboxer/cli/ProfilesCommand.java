package dev.sandboxer.cli;

import picocli.CommandLine.Command;

@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "Lists, shows and validates profiles (recipes for sandboxes).",
        subcommands = {ProfilesListCommand.class, ProfilesShowCommand.class, ProfilesValidateCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer profiles list", "  sandboxer profiles show health-probe",
            "  sandboxer profiles validate my-profile.yaml"})
final class ProfilesCommand extends Subcommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return FailureReport.INVALID;
    }
}
