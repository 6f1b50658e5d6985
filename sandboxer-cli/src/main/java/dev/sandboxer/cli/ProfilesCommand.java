package dev.sandboxer.cli;

import dev.sandboxer.core.profile.ProfileCatalog;
import java.util.List;
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

    /**
     * The built-in profiles plus those in the home's profiles directory. Read without opening the control
     * plane: profiles need neither the store nor the extensions.
     */
    static ProfileCatalog catalog(Subcommand command) {
        return new ProfileCatalog(List.of(command.global().home(command.environment().env()).profiles()));
    }
}
