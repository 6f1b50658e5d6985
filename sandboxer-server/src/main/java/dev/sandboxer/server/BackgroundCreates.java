package dev.sandboxer.server;

import dev.sandboxer.core.engine.Creation;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.Verb;
import dev.sandboxer.spi.Progress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The provisioning half of creates answered with 202, each on its own virtual thread. Tracked so that a
 * waiting request can join one and a stopping server can let them finish, then interrupt what is left
 * (the engine then records those creates failed and removes what they had made).
 */
final class BackgroundCreates {
    private record Running(Thread thread, CompletableFuture<Sandbox> done) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Metrics metrics;
    private final Consumer<String> log;
    private volatile boolean closed;

    BackgroundCreates(Metrics metrics, Consumer<String> log) {
        this.metrics = metrics;
        this.log = log;
    }

    /** Starts provisioning; the future completes with the ready sandbox or the create's failure. */
    synchronized CompletableFuture<Sandbox> start(Creation creation) {
        if (closed) {
            // begin() already recorded the intent; without a provisioner it stays "requested" until reaped.
            throw ApiError.unavailable("the server is shutting down; sandbox " + creation.sandbox().id()
                    + " was recorded but will not be provisioned");
        }
        String operation = creation.operation().id();
        String extension = creation.sandbox().routing().extensionId();
        CompletableFuture<Sandbox> done = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("create-" + creation.sandbox().id()).unstarted(() -> {
            try {
                Sandbox ready = creation.finish(Progress.NONE);
                metrics.lifecycle(Verb.CREATE, extension, Metrics.SUCCEEDED);
                done.complete(ready);
            } catch (RuntimeException e) {
                metrics.lifecycle(Verb.CREATE, extension, Metrics.outcomeOf(e));
                logFailure(creation, e);
                done.completeExceptionally(e);
            } finally {
                running.remove(operation);
            }
        });
        running.put(operation, new Running(thread, done));
        thread.start();
        return done;
    }

    private void logFailure(Creation creation, RuntimeException e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "warn");
        line.put("event", "create-failed");
        line.put("sandbox", creation.sandbox().id());
        line.put("operation", creation.operation().id());
        line.put("code", e instanceof SandboxerException s ? s.code() : e.getClass().getSimpleName());
        line.put("error", Bodies.clip(e.getMessage()));
        log.accept(ApiJson.text(line));
    }

    /** Waits for one create; a timeout leaves it running. */
    static Sandbox await(CompletableFuture<Sandbox> done, Duration timeout) throws TimeoutException {
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    /** Refuses new creates and waits up to {@code grace} for the running ones; true when none is left. */
    boolean drain(Duration grace) {
        synchronized (this) {
            closed = true;
        }
        List<CompletableFuture<Sandbox>> pending = running.values().stream().map(Running::done).toList();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .exceptionally(failure -> null)
                    .get(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return running.isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return running.isEmpty();
    }

    /** Interrupts what is still running and waits up to {@code patience} for those creates to record it. */
    void interruptRemaining(Duration patience) {
        List<Running> left = List.copyOf(running.values());
        left.forEach(r -> r.thread().interrupt());
        for (Running r : left) {
            try {
                r.thread().join(patience);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    int count() {
        return running.size();
    }
}
