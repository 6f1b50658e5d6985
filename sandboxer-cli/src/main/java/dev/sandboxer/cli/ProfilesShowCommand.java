package dev.sandboxer.cli;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.profile.Profile;
import dev.sandboxer.core.profile.ProfileCatalog;
import dev.sandboxer.core.profile.ProfileRef;
import dev.sandboxer.core.profile.UnknownProfileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Prints a profile's YAML source (or, with -o json, the profile as sand-boxer read it).",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer profiles show health-probe", "  sandboxer profiles show agent-dev@1 -o json"})
final class ProfilesShowCommand extends Subcommand {
    private static final String BUILTIN = "builtin:";

    @Parameters(index = "0", paramLabel = "ID[@VERSION]", description = "The profile; the latest version by default.")
    String profile;

    @Override
    public Integer call() {
        ProfileCatalog catalog = ProfilesCommand.catalog(this);
        Profile found;
        try {
            found = catalog.require(ProfileRef.parse(profile));
        } catch (UnknownProfileException e) {
            throw new SandboxerException.Invalid("unknown-profile", e.getMessage(), "see 'sandboxer profiles list'");
        }
        if (global().json()) {
            printJson(found);
            return 0;
        }
        out().println("# " + found.ref() + " from " + found.origin().source() + " (sha256 " + found.origin().sha256()
                + ")");
        out().print(source(found));
        return 0;
    }

    /** The text the profile was read from: a classpath resource for built-ins, else the user's file. */
    private static String source(Profile profile) {
        String origin = profile.origin().source();
        try {
            if (origin.startsWith(BUILTIN)) {
                try (InputStream in = Profile.class.getClassLoader()
                        .getResourceAsStream("profiles/" + origin.substring(BUILTIN.length()))) {
                    if (in == null) {
                        throw new IllegalStateException("built-in profile " + origin + " is listed but missing");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(origin));
        } catch (IOException e) {
            throw new SandboxerException.Conflict("profile-changed", "cannot read " + origin + " again: "
                    + e.getMessage(), "run 'sandboxer profiles list' to see what is there now");
        }
    }
}
