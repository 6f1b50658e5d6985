package dev.sandboxer.core.profile;

import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.Resources;
import dev.sandboxer.spi.SetupFile;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A profile with a consumer's inputs applied: the recipe a sandbox is actually made from. Together
 * with {@link Profile#origin()} it answers "which recipe?" for the sandbox's record.
 *
 * @param profile the profile with every {@code ${inputs.NAME}} already substituted
 * @param inputs  the inputs in force, defaults included, in canonical form, sorted by name; optional
 *                inputs that were neither given nor defaulted are absent
 */
public record ResolvedProfile(Profile profile, Map<String, String> inputs) {

    public ResolvedProfile {
        Objects.requireNonNull(profile, "profile");
        inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
    }

    public ProfileRef ref() {
        return profile.ref();
    }

    /** What {@code ProvisionRequest.spec} should be for the chosen extension. */
    public Map<String, Object> spec(String extensionId) {
        return profile.backendSpec(extensionId);
    }

    public Resources resources() {
        return profile.resources().toResources();
    }

    public NetworkPolicy network() {
        return profile.network().toPolicy();
    }

    public Map<String, String> env() {
        return profile.setup().env();
    }

    public List<SetupFile> setupFiles() {
        return profile.setup().files().stream().map(FileSpec::toSetupFile).toList();
    }
}
