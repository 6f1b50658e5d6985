package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.profile.Profile;
import dev.sandboxer.core.profile.ProfileCatalog;
import dev.sandboxer.core.profile.ProfileProblem;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the profiles: built-in ones and those in the home's profiles/ directory.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandboxer profiles list", "  sandboxer profiles list --all-versions -o json"})
final class ProfilesListCommand extends Subcommand {

    @Option(names = "--all-versions", description = "Every version, not only the latest of each profile.")
    boolean allVersions;

    /** One profile as listed. */
    record Listed(String id, int version, String extension, String ttlDefault, String ttlMax, String description,
                  String source) {
    }

    /** The JSON shape: the profiles, and the files that did not load. */
    record Listing(List<Listed> profiles, List<String> problems) {
    }

    @Override
    public Integer call() {
        Listing listing;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            listing = sandboxes.profiles(allVersions);
        }
        if (global().json()) {
            printJson(listing);
            return 0;
        }
        List<Listed> listed = listing.profiles();
        List<String> problems = listing.problems();
        Table table = new Table("ID", "VERSION", "EXTENSION", "TTL", "MAX", "DESCRIPTION");
        for (Listed p : listed) {
            table.row(p.id(), Integer.toString(p.version()), p.extension(), p.ttlDefault(), p.ttlMax(),
                    p.description());
        }
        table.print(out());
        // Broken files do not stop the listing, but their owner should hear about them.
        problems.forEach(p -> err().println("problem: " + p));
        return 0;
    }

    static Listing listing(ProfileCatalog catalog, boolean allVersions) {
        List<Listed> listed = (allVersions ? catalog.listAllVersions() : catalog.list()).stream()
                .map(ProfilesListCommand::listed).toList();
        return new Listing(listed, catalog.problems().stream().map(ProfileProblem::render).toList());
    }

    private static Listed listed(Profile p) {
        return new Listed(p.id(), p.version(), p.extension().orElse("(routed)"),
                dev.sandboxer.core.profile.Durations.format(p.ttl().defaultTtl()),
                dev.sandboxer.core.profile.Durations.format(p.ttl().max()), p.description(), p.origin().source());
    }
}
