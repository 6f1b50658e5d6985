package dev.sandboxer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.profile.Profile;
import dev.sandboxer.core.profile.ProfileOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

    /** A profile as found: where its text came from, and the profile itself as the JSON output shows it. */
    record Shown(String ref, ProfileOrigin origin, Object asJson) {
    }

    @Override
    public Integer call() {
        Shown found;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            found = sandboxes.profile(profile);
        }
        if (global().json()) {
            printJson(found.asJson());
            return 0;
        }
        out().println("# " + found.ref() + " from " + found.origin().source() + " (sha256 " + found.origin().sha256()
                + ")");
        out().print(source(found.origin()).orElseGet(() -> asYaml(found)));
        return 0;
    }

    /**
     * The text the profile was read from: a classpath resource for built-ins, else the file. Shown only if it
     * is still the very text that was read (the digest says so); a server's file may be out of reach here.
     */
    private static Optional<String> source(ProfileOrigin origin) {
        String where = origin.source();
        try {
            byte[] text;
            if (where.startsWith(BUILTIN)) {
                try (InputStream in = Profile.class.getClassLoader()
                        .getResourceAsStream("profiles/" + where.substring(BUILTIN.length()))) {
                    if (in == null) {
                        return Optional.empty();
                    }
                    text = in.readAllBytes();
                }
            } else {
                text = Files.readAllBytes(Path.of(where));
            }
            return ProfileOrigin.of(where, text).sha256().equals(origin.sha256())
                    ? Optional.of(new String(text, java.nio.charset.StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** When the source text cannot be shown, the profile as it was read, in YAML, and a line saying so. */
    private static String asYaml(Shown found) {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            return "# (its file is not readable here or has changed since; this is the profile as read)\n"
                    + yaml.writeValueAsString(JsonFormat.mapper().valueToTree(found.asJson()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot print profile " + found.ref() + " as YAML", e);
        }
    }
}
