package dev.sandboxer.core.profile;

import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.NetworkPolicy;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A recipe for sandboxes, as read from one profile file. See docs/profiles.md for the file format.
 *
 * @param extension pins an extension id; empty lets the router choose from {@link #capabilitiesNeeded()}
 * @param requires  capabilities the profile names explicitly
 * @param inputs    in the order the file declares them
 * @param secrets   environment variable name → where its value comes from
 * @param backend   extension id → that extension's spec, handed over verbatim (after input substitution)
 * @param labels    user labels copied onto sandboxes
 */
public record Profile(String id, int version, String description, Optional<String> extension,
                      Set<Capability> requires, TtlPolicy ttl, ResourceSpec resources, NetworkSpec network,
                      Map<String, InputSpec> inputs, Optional<ReadinessProbe> readiness, Reach reach, Setup setup,
                      Map<String, SecretRef> secrets, Map<String, Map<String, Object>> backend,
                      Map<String, String> labels, ProfileOrigin origin) {

    public Profile {
        new ProfileRef(id, Optional.of(version)); // validates both
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(extension, "extension");
        requires = Collections.unmodifiableSet(requires.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(requires));
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(network, "network");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(reach, "reach");
        Objects.requireNonNull(setup, "setup");
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        backend.forEach((ext, spec) -> sections.put(ext, PlainData.freezeMap(spec)));
        backend = Collections.unmodifiableMap(sections);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(origin, "origin");
    }

    public ProfileRef ref() {
        return ProfileRef.of(id, version);
    }

    /**
     * {@link #requires()} plus what the rest of the profile implies: published ports, exec (for
     * {@code reach.exec} or a command probe), setup files, multi-service (ports naming a service), and
     * isolation: resource limits when set, and a network policy unless egress is fully open. The router
     * should match extensions on this set, so a profile cannot land on a backend that would ignore it.
     */
    public Set<Capability> capabilitiesNeeded() {
        EnumSet<Capability> needed = requires.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(requires);
        if (!reach.ports().isEmpty()) {
            needed.add(Capability.PUBLISHED_PORTS);
        }
        if (reach.ports().stream().anyMatch(p -> p.service().isPresent())) {
            needed.add(Capability.MULTI_SERVICE);
        }
        if (reach.exec() || readiness.filter(r -> r instanceof ReadinessProbe.Command).isPresent()) {
            needed.add(Capability.EXEC);
        }
        if (!setup.files().isEmpty()) {
            needed.add(Capability.SETUP_FILES);
        }
        if (!resources.equals(ResourceSpec.BACKEND_DEFAULT)) {
            needed.add(Capability.RESOURCE_LIMITS);
        }
        if (network.egress() != NetworkPolicy.Egress.ALLOW_ALL) {
            needed.add(Capability.NETWORK_POLICY);
        }
        return Collections.unmodifiableSet(needed);
    }

    /** The extension's own section, or an empty map when the profile has none for it. */
    public Map<String, Object> backendSpec(String extensionId) {
        return backend.getOrDefault(extensionId, Map.of());
    }

    Profile withRendered(Setup newSetup, Optional<ReadinessProbe> newReadiness,
                         Map<String, Map<String, Object>> newBackend) {
        return new Profile(id, version, description, extension, requires, ttl, resources, network, inputs,
                newReadiness, reach, newSetup, secrets, newBackend, labels, origin);
    }
}
