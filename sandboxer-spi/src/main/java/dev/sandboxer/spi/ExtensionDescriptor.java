package dev.sandboxer.spi;

import java.util.Objects;
import java.util.Set;

/**
 * What an extension is and can do.
 *
 * @param id           stable id used by profiles ({@code podman}, {@code compose})
 * @param version      the extension's own version
 * @param kind         self-hosted (runs on our hosts) or saas (a provider's API)
 * @param capabilities verbs beyond the mandatory ones
 * @param description  one line for {@code sandboxer extensions list}
 */
public record ExtensionDescriptor(String id, String version, Kind kind, Set<Capability> capabilities,
                                  String description) {

    public enum Kind { SELF_HOSTED, SAAS }

    public ExtensionDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        capabilities = Set.copyOf(capabilities);
        description = description == null ? "" : description;
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }
}
