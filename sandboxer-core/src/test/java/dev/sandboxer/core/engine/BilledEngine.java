package dev.sandboxer.core.engine;

import dev.sandboxer.core.billing.Billing;
import dev.sandboxer.core.billing.BillingSettings;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.extension.ExtensionRegistry;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionDescriptor;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.PriceSheet;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.spi.Secret;
import dev.sandboxer.tck.reference.ReferenceExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine with billing settings of the test's choosing, over the store a JDBC URL names (SQLite or
 * PostgreSQL), which a second instance (another "process") may open too. Plans come from {@link EngineFixture#plan}: 0.5 vCPU, 256 MiB on the reference
 * extension, whose sheet is 20,000 micros per vCPU-second, 5,000 per GiB-second, 1,000,000 per hour.
 */
final class BilledEngine implements AutoCloseable {
    final MutableClock clock;
    final JdbcStore store;
    final Billing billing;
    final SandboxEngine engine;
    /** Every request the extension was handed, as it was handed over. */
    final List<ProvisionRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    BilledEngine(String url, MutableClock clock, BillingSettings settings) {
        this.clock = clock;
        this.store = JdbcStore.open(url, clock);
        this.billing = new Billing(store, settings, clock);
        Map<String, Plan> known = Map.of(
                "basic", EngineFixture.plan("basic", Map.of(), List.of(), Optional.empty()),
                "doomed", EngineFixture.plan("doomed", Map.of("fail", "the disk is on fire"), List.of(),
                        Optional.empty()));
        PlanSource plans = (profile, inputs) -> {
            Plan plan = known.get(profile.split("@")[0]);
            if (plan == null) {
                throw new SandboxerException.Invalid("unknown-profile", "profile " + profile + " not found", "");
            }
            return plan;
        };
        SecretLookup secrets = ref -> new Secret("unused");
        ReferenceExtension reference = new ReferenceExtension(clock);
        Extension recording = new Extension() {
            @Override
            public ExtensionDescriptor descriptor() {
                return reference.descriptor();
            }

            @Override
            public PriceSheet priceSheet() {
                return reference.priceSheet();
            }

            @Override
            public Provisioned create(ProvisionRequest request, Progress progress) {
                requests.add(request);
                return reference.create(request, progress);
            }

            @Override
            public Observation observe(BackendRef ref) {
                return reference.observe(ref);
            }

            @Override
            public void destroy(BackendRef ref) {
                reference.destroy(ref);
            }

            @Override
            public List<OwnedResource> listOwned(Owner owner) {
                return reference.listOwned(owner);
            }

            @Override
            public java.time.Instant extendDeadline(BackendRef ref, java.time.Instant newDeadline) {
                return reference.extendDeadline(ref, newDeadline);
            }

            @Override
            public dev.sandboxer.spi.ExecResult exec(BackendRef ref, dev.sandboxer.spi.ExecRequest request) {
                return reference.exec(ref, request);
            }
        };
        this.engine = new SandboxEngine(store, ExtensionRegistry.of(List.of(recording)), plans, secrets, clock,
                billing);
    }

    CreateRequest request(String project, Duration ttl) {
        return new CreateRequest("basic", Map.of(), project, EngineFixture.ALICE, Optional.of(ttl), Map.of(),
                Optional.empty());
    }

    @Override
    public void close() {
        store.close();
    }
}
