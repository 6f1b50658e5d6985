package dev.sandboxer.bench;

import dev.sandboxer.core.store.Store;
import dev.sandboxer.core.store.StoreSession;
import java.util.function.Function;

/** The engine's store, timed per transaction: how many an operation opens and what they cost. */
final class TimedStore implements Store {
    private final Store inner;
    private final StepTimes steps;

    TimedStore(Store inner, StepTimes steps) {
        this.inner = inner;
        this.steps = steps;
    }

    @Override
    public String installationId() {
        return inner.installationId();
    }

    @Override
    public <T> T write(Function<StoreSession, T> work) {
        return steps.time("store.write (transaction)", () -> inner.write(work));
    }

    @Override
    public <T> T read(Function<StoreSession, T> work) {
        return steps.time("store.read", () -> inner.read(work));
    }

    @Override
    public void close() {
        inner.close();
    }
}
