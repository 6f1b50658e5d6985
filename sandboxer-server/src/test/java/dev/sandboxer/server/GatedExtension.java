package dev.sandboxer.server;

import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionContext;
import dev.sandboxer.spi.ExtensionDescriptor;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.ExtensionProvider;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.tck.reference.ReferenceExtension;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The reference extension with a gate in front of create: a test holds creates "in flight" for as long as it
 * needs (a slow backend, without sleeping) and lets them through when it chooses. An interrupted wait fails
 * the create, as a real transport does when its thread is interrupted.
 */
final class GatedExtension implements Extension {
    static final String ID = "gated";

    private static volatile CountDownLatch gate = new CountDownLatch(0);
    private static final Semaphore ARRIVED = new Semaphore(0);

    private final ReferenceExtension delegate;

    GatedExtension(ReferenceExtension delegate) {
        this.delegate = delegate;
    }

    /** From now on creates wait at the gate (until {@link #open()}). */
    static void hold() {
        ARRIVED.drainPermits();
        gate = new CountDownLatch(1);
    }

    static void open() {
        gate.countDown();
    }

    /** Waits until {@code count} creates are waiting at the gate. */
    static void awaitArrivals(int count) throws InterruptedException {
        if (!ARRIVED.tryAcquire(count, 10, TimeUnit.SECONDS)) {
            throw new AssertionError("no create reached the gate within 10s");
        }
    }

    @Override
    public ExtensionDescriptor descriptor() {
        ExtensionDescriptor d = delegate.descriptor();
        return new ExtensionDescriptor(ID, d.version(), d.kind(), d.capabilities(), "reference, with a gate on create");
    }

    @Override
    public Provisioned create(ProvisionRequest request, Progress progress) {
        ARRIVED.release();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionException.ProvisionFailed("interrupted while provisioning", "", e);
        }
        return delegate.create(request, progress);
    }

    @Override
    public Observation observe(BackendRef ref) {
        return delegate.observe(ref);
    }

    @Override
    public void destroy(BackendRef ref) {
        delegate.destroy(ref);
    }

    @Override
    public List<OwnedResource> listOwned(Owner owner) {
        return delegate.listOwned(owner);
    }

    @Override
    public ExecResult exec(BackendRef ref, ExecRequest request) {
        return delegate.exec(ref, request);
    }

    @Override
    public Instant extendDeadline(BackendRef ref, Instant newDeadline) {
        return delegate.extendDeadline(ref, newDeadline);
    }

    /** Registered in META-INF/services for the tests' classpath. */
    public static final class Provider implements ExtensionProvider {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public Extension create(ExtensionContext context) {
            return new GatedExtension(new ReferenceExtension(context.clock()));
        }
    }
}
