package dev.sandboxer.bench;

import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.ExecRequest;
import dev.sandboxer.spi.ExecResult;
import dev.sandboxer.spi.Extension;
import dev.sandboxer.spi.ExtensionDescriptor;
import dev.sandboxer.spi.Health;
import dev.sandboxer.spi.Observation;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.Progress;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An extension timed around create and destroy, counting destroys per sandbox (the reaper's "none twice").
 * Every other verb passes straight through.
 */
final class TimedExtension implements Extension {
    private final Extension inner;
    private final StepTimes steps;
    private final Map<String, AtomicInteger> destroys = new ConcurrentHashMap<>();

    TimedExtension(Extension inner, StepTimes steps) {
        this.inner = inner;
        this.steps = steps;
    }

    /** Backend destroys per sandbox id, since this extension was made. */
    Map<String, AtomicInteger> destroys() {
        return destroys;
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return inner.descriptor();
    }

    @Override
    public Health health() {
        return steps.time("extension.health (router)", inner::health);
    }

    @Override
    public List<String> validateSpec(Map<String, Object> spec) {
        return inner.validateSpec(spec);
    }

    @Override
    public Provisioned create(ProvisionRequest request, Progress progress) {
        return steps.time("extension.create", () -> inner.create(request, progress));
    }

    @Override
    public Observation observe(BackendRef ref) {
        return inner.observe(ref);
    }

    @Override
    public void destroy(BackendRef ref) {
        destroys.computeIfAbsent(ref.sandboxId(), k -> new AtomicInteger()).incrementAndGet();
        steps.time("extension.destroy", () -> {
            inner.destroy(ref);
            return null;
        });
    }

    @Override
    public List<OwnedResource> listOwned(Owner owner) {
        return inner.listOwned(owner);
    }

    @Override
    public ExecResult exec(BackendRef ref, ExecRequest request) {
        return inner.exec(ref, request);
    }

    @Override
    public Instant extendDeadline(BackendRef ref, Instant newDeadline) {
        return inner.extendDeadline(ref, newDeadline);
    }

    @Override
    public void pause(BackendRef ref) {
        inner.pause(ref);
    }

    @Override
    public void resume(BackendRef ref) {
        inner.resume(ref);
    }

    @Override
    public Optional<String> logTail(BackendRef ref, int lines) {
        return inner.logTail(ref, lines);
    }

    @Override
    public void close() {
        inner.close();
    }
}
