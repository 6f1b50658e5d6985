package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.spi.Capability;
import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.Resources;
import dev.sandboxer.spi.Secret;
import dev.sandboxer.tck.reference.ReferenceExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An engine over a real SQLite store and the in-memory reference extension, with plans defined in code so
 * these tests pin the engine's behaviour independently of the YAML catalog.
 */
final class EngineFixture {
    static final Consumer ALICE = Consumer.parse("agt:alice");
    static final Consumer OPS = Consumer.parse("adm:ops");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    final ReferenceExtension reference = new ReferenceExtension(clock);
    final JdbcStore store;
    final SandboxEngine engine;
    final Map<String, Plan> plans = new HashMap<>();
    final Map<String, String> secretValues = new HashMap<>();

    EngineFixture(Path dir) {
        store = JdbcStore.sqlite(dir.resolve("test.db"), clock);
        PlanSource source = (profile, inputs) -> {
            Plan plan = plans.get(profile.split("@")[0]);
            if (plan == null) {
                throw new SandboxerException.Invalid("unknown-profile", "profile " + profile + " not found", "");
            }
            return plan;
        };
        SecretLookup secrets = ref -> {
            String value = secretValues.get(ref);
            if (value == null) {
                throw new SandboxerException.Invalid("secret-unresolved", ref + " is not set", "");
            }
            return new Secret(value);
        };
        engine = new SandboxEngine(store, ExtensionRegistry.of(List.of(reference)), source, secrets, clock);
        plans.put("basic", plan("basic", Map.of(), List.of(), Optional.empty()));
    }

    static Plan plan(String id, Map<String, Object> spec, List<Plan.Port> ports, Optional<Plan.Probe> readiness) {
        return new Plan(id, 1, "digest-" + id, Map.of(), Optional.of(ReferenceExtension.ID),
                Set.of(Capability.EXEC), Duration.ofMinutes(30), Duration.ofHours(2), new Resources(500, 256L << 20),
                NetworkPolicy.DENY_ALL, ports, true, readiness, Map.of("A", "1"), List.of(), Map.of(),
                Map.of(ReferenceExtension.ID, spec), Map.of("team", "qa"));
    }

    CreateRequest request(String profile) {
        return new CreateRequest(profile, Map.of(), "p1", ALICE, Optional.empty(), Map.of(), Optional.empty());
    }
}
