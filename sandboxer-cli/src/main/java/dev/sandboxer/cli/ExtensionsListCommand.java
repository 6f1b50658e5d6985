package dev.sandboxer.cli;

import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionDescriptor;
import dev.sandboxer.spi.Health;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists extensions with their version, kind, capabilities and whether each can be used now.",
        footerHeading = "%nExamples:%n", footer = {"  sandboxer extensions list", "  sandboxer extensions list -o json"})
final class ExtensionsListCommand extends Subcommand {

    /** One extension as listed. */
    record Listed(String id, String version, String kind, List<String> capabilities, String description,
                  Health health) {
    }

    /** The JSON shape: the extensions, and what went wrong loading plugins. */
    record Listing(List<Listed> extensions, List<String> problems) {
    }

    @Override
    public Integer call() {
        Listing listing;
        try (Sandboxes sandboxes = sandboxes(Scope.ALL)) {
            listing = sandboxes.extensions();
        }
        if (global().json()) {
            printJson(listing);
            return 0;
        }
        Table table = new Table("ID", "VERSION", "KIND", "CAPABILITIES", "HEALTH");
        for (Listed e : listing.extensions()) {
            table.row(e.id(), e.version(), e.kind(), String.join(",", e.capabilities()), healthText(e.health()));
        }
        table.print(out());
        for (Listed e : listing.extensions()) {
            if (!e.health().available() && !e.health().hint().isBlank()) {
                out().println("hint for " + e.id() + ": " + e.health().hint());
            }
        }
        listing.problems().forEach(p -> out().println("problem: " + p));
        return 0;
    }

    static Listing listing(ExtensionRegistry registry) {
        List<Listed> listed = new ArrayList<>();
        for (Extension extension : registry.all()) {
            ExtensionDescriptor d = extension.descriptor();
            List<String> capabilities = d.capabilities().stream().sorted().map(Capability::id).toList();
            listed.add(new Listed(d.id(), d.version(), d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    capabilities, d.description(), health(extension)));
        }
        return new Listing(listed, registry.problems());
    }

    /** Health is promised never to throw; a plugin that breaks the promise still must not break the listing. */
    private static Health health(Extension extension) {
        try {
            return extension.health();
        } catch (RuntimeException e) {
            return Health.unavailable("health check failed: " + e.getMessage(), "");
        }
    }

    private static String healthText(Health health) {
        return (health.available() ? "available" : "unavailable")
                + (health.detail().isBlank() ? "" : ": " + health.detail().lines().findFirst().orElse(""));
    }
}
