package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.profile.InputException;
import dev.sandboxer.core.profile.Profile;
import dev.sandboxer.core.profile.ProfileCatalog;
import dev.sandboxer.core.profile.ProfileRef;
import dev.sandboxer.core.profile.ProfileResolver;
import dev.sandboxer.core.profile.ReadinessProbe;
import dev.sandboxer.core.profile.ResolvedProfile;
import dev.sandboxer.core.profile.SecretException;
import dev.sandboxer.core.profile.SecretRef;
import dev.sandboxer.core.profile.SecretResolver;
import dev.sandboxer.core.profile.UnknownProfileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plans from the YAML profile catalog: finds the profile, checks and applies the inputs, and translates
 * the profile model into the engine's {@link Plan}. Profile and input errors become
 * {@link SandboxerException.Invalid} with the catalog's own one-line messages.
 */
public final class CatalogPlans implements PlanSource {
    private final Supplier<ProfileCatalog> catalog;

    public CatalogPlans(ProfileCatalog catalog) {
        this(() -> catalog);
    }

    /** Reads the catalog only when a plan is first needed: most commands (list, describe) never need one. */
    public CatalogPlans(Supplier<ProfileCatalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public Plan plan(String profile, Map<String, String> inputs) {
        ProfileRef ref;
        try {
            ref = ProfileRef.parse(profile);
        } catch (IllegalArgumentException e) {
            throw new SandboxerException.Invalid("invalid-profile-ref", e.getMessage(),
                    "name a profile as ID or ID@VERSION; see 'sandboxer profiles list'");
        }
        Profile found;
        try {
            found = catalog.get().require(ref);
        } catch (UnknownProfileException e) {
            throw new SandboxerException.Invalid("unknown-profile", e.getMessage(), "see 'sandboxer profiles list'");
        }
        ResolvedProfile resolved;
        try {
            resolved = ProfileResolver.resolve(found, inputs);
        } catch (InputException e) {
            throw new SandboxerException.Invalid("invalid-input", e.getMessage(),
                    "see 'sandboxer profiles show " + found.id() + "' for its inputs");
        }
        return toPlan(resolved);
    }

    static Plan toPlan(ResolvedProfile resolved) {
        Profile p = resolved.profile();
        Map<String, String> secretRefs = new LinkedHashMap<>();
        p.secrets().forEach((name, ref) -> secretRefs.put(name, ref.reference()));
        return new Plan(p.id(), p.version(), p.origin().sha256(), resolved.inputs(), p.extension(),
                p.capabilitiesNeeded(), p.ttl().defaultTtl(), p.ttl().max(), resolved.resources(), resolved.network(),
                p.reach().ports().stream().map(port -> new Plan.Port(port.name(), port.service(), port.port(),
                        port.protocol().id())).toList(),
                p.reach().exec(), p.readiness().map(CatalogPlans::probe), resolved.env(), resolved.setupFiles(),
                secretRefs, p.backend(), p.labels());
    }

    private static Plan.Probe probe(ReadinessProbe probe) {
        return switch (probe) {
            case ReadinessProbe.Http h -> new Plan.HttpProbe(h.port(), h.path(), h.status(), h.timeout(),
                    h.interval());
            case ReadinessProbe.Command c -> new Plan.CommandProbe(c.argv(), c.timeout(), c.interval());
        };
    }

    /** Resolves secret references from the given environment; failures name the reference only. */
    public static SecretLookup secrets(Map<String, String> environment) {
        SecretResolver resolver = new SecretResolver(environment::get);
        return reference -> {
            try {
                Optional<SecretRef> parsed = SecretRef.parse(reference);
                if (parsed.isEmpty()) {
                    throw new SandboxerException.Invalid("invalid-secret-ref", "secret reference '" + reference
                            + "' is not env:NAME or file:PATH", "fix the profile's secrets section");
                }
                return resolver.resolve(parsed.get());
            } catch (SecretException e) {
                throw new SandboxerException.Invalid("secret-unresolved", e.getMessage(),
                        "set it before creating the sandbox; its value is never stored");
            }
        };
    }
}
