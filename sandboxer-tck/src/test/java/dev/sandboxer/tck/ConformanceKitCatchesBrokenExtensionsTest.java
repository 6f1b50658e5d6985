package dev.sandboxer.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionDescriptor;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.tck.reference.ReferenceExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;

/**
 * The kit must fail extensions that break the contract; a kit that passes everything proves nothing.
 * Runs the kit against a deliberately broken extension and checks which tests fail.
 */
class ConformanceKitCatchesBrokenExtensionsTest {

    @Test
    void theKitFailsAnExtensionThatBreaksTheContract() {
        Set<String> failed = run(BrokenExtensionKit.class);
        assertThat(failed).contains(
                "createIsIdempotentOnSandboxId",
                "destroyIsIdempotent",
                "everyOwnedResourceCarriesTheOwnershipLabels",
                "undeclaredVerbsAreRefused",
                "failedCreateLeavesNothingBehind");
        assertThat(failed).doesNotContain("descriptorNamesItself");
    }

    private static Set<String> run(Class<?> kit) {
        Set<String> failed = new java.util.concurrent.ConcurrentSkipListSet<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit))
                .build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                    failed.add(id.getDisplayName().replace("()", ""));
                }
            }
        });
        return failed;
    }

    /** Run only through the launcher above (nested classes are not picked up by Surefire). */
    static class BrokenExtensionKit extends ExtensionConformanceTest {
        private BrokenExtension broken;

        @Override
        protected Extension createExtension(ExtensionContext context) {
            broken = new BrokenExtension(new ReferenceExtension(context.clock()));
            return broken;
        }

        @Override
        protected Map<String, Object> workloadSpec() {
            return Map.of();
        }

        @Override
        protected Map<String, Object> failingSpec() {
            return Map.of("fail", "on purpose");
        }

        @Override
        protected void removeBehindOurBack(String sandboxId) {
            broken.delegate.forget(sandboxId);
        }
    }

    /**
     * Makes a second unit on every repeated create, fails a second destroy, drops the expiry label, leaks on
     * failed create, and answers an undeclared verb instead of refusing it.
     */
    static final class BrokenExtension implements Extension {
        final ReferenceExtension delegate;
        private final AtomicInteger creates = new AtomicInteger();
        private final Set<String> destroyed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Map<String, List<String>> shadows = new java.util.concurrent.ConcurrentHashMap<>();

        BrokenExtension(ReferenceExtension delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExtensionDescriptor descriptor() {
            return new ExtensionDescriptor("broken", "0.0.1", ExtensionDescriptor.Kind.SELF_HOSTED, Set.of(),
                    "breaks the contract on purpose");
        }

        @Override
        public Provisioned create(ProvisionRequest request, Progress progress) {
            if (request.spec().containsKey("fail")) {
                delegate.create(request.withSpec(Map.of()), progress);
                throw new ExtensionException.ProvisionFailed("failed, leaving a unit behind", "", null);
            }
            Provisioned made = delegate.create(request, progress);
            // Not idempotent: every call makes one more unit carrying this sandbox's label.
            String shadow = request.sandboxId() + "-copy" + creates.incrementAndGet();
            delegate.create(new ProvisionRequest(shadow, request.labels(), request.deadline(), request.resources(),
                    request.network(), request.ports(), request.env(), request.secrets(), request.files(),
                    Map.of()), progress);
            shadows.computeIfAbsent(request.sandboxId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(shadow);
            return made;
        }

        @Override
        public Observation observe(BackendRef ref) {
            return delegate.observe(ref);
        }

        @Override
        public void destroy(BackendRef ref) {
            if (!destroyed.add(ref.sandboxId())) {
                throw new IllegalStateException("already destroyed");
            }
            delegate.destroy(ref);
            shadows.getOrDefault(ref.sandboxId(), List.of()).forEach(delegate::forget);
        }

        @Override
        public List<OwnedResource> listOwned(Owner owner) {
            return delegate.listOwned(owner).stream().map(r -> new OwnedResource(r.kind(), r.id(), r.sandboxId(),
                    r.labels().entrySet().stream().filter(e -> !e.getKey().endsWith("expires-at"))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))).toList();
        }

        @Override
        public dev.sandboxer.spi.ExecResult exec(BackendRef ref, dev.sandboxer.spi.ExecRequest request) {
            return new dev.sandboxer.spi.ExecResult(0, "", "");
        }
    }
}
