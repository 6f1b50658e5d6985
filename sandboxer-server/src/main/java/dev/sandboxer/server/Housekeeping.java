package dev.sandboxer.server;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.engine.LeaseKeeper;
import dev.sandboxer.core.outbox.Outbox;
import dev.sandboxer.core.engine.Reconciliation;
import dev.sandboxer.core.engine.SandboxEngine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a server does on its own, on one background thread so the two never overlap in one replica: the lease
 * keeper's tick (heartbeat, {@code expiring} events, reaping) and, less often, a reconcile. Every replica runs
 * both; the store makes that safe (docs/guarantees.md). A failing round is logged and the next one runs.
 */
final class Housekeeping implements AutoCloseable {
    static final dev.sandboxer.core.model.Consumer KEEPER = dev.sandboxer.core.model.Consumer.parse("adm:lease-keeper");
    static final dev.sandboxer.core.model.Consumer RECONCILER =
            dev.sandboxer.core.model.Consumer.parse("adm:reconciler");

    /** How often the outbox looks for undelivered events. */
    static final Duration OUTBOX_POLL = Duration.ofMillis(250);

    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService delivery;

    private Housekeeping(ScheduledExecutorService scheduler, ScheduledExecutorService delivery) {
        this.scheduler = scheduler;
        this.delivery = delivery;
    }

    private static ScheduledExecutorService thread(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    static Housekeeping start(ControlPlane plane, ServerSettings.Background settings, Consumer<String> log) {
        SandboxEngine engine = plane.engine();
        ScheduledExecutorService scheduler = thread("sandboxer-housekeeping");
        // Webhooks get a thread of their own: a slow or dead sink must never delay reaping.
        ScheduledExecutorService delivery = thread("sandboxer-outbox");
        if (!settings.webhooks().isEmpty()) {
            Outbox outbox = plane.outbox(settings.webhooks());
            long poll = OUTBOX_POLL.toMillis();
            delivery.scheduleWithFixedDelay(() -> guarded(log, "outbox", () -> {
                for (Outbox.Round round : outbox.deliver()) {
                    round.failure().ifPresent(f -> log.accept(ApiJson.text(Map.of("level", "warn",
                            "event", "webhook-failed", "sink", round.sink(), "error", Bodies.clip(f)))));
                }
            }), poll, poll, TimeUnit.MILLISECONDS);
        }
        if (settings.leaseTick().isPositive()) {
            LeaseKeeper keeper = engine.leaseKeeper(LeaseKeeper.Settings.defaults().withTiming(
                    settings.expiringWarning(), settings.runnerDeadAfter()));
            long tick = settings.leaseTick().toMillis();
            scheduler.scheduleWithFixedDelay(() -> guarded(log, "lease-tick", () -> {
                LeaseKeeper.Tick done = keeper.tick(KEEPER);
                if (!done.warned().isEmpty() || !done.reaped().isEmpty()) {
                    log.accept(ApiJson.text(Map.of("level", "info", "event", "leases", "runner",
                            keeper.settings().runnerId(), "warned", done.warned().size(),
                            "reaped", done.reaped().size())));
                }
            }), tick, tick, TimeUnit.MILLISECONDS);
        }
        if (settings.reconcileEvery().isPositive()) {
            long every = settings.reconcileEvery().toMillis();
            scheduler.scheduleWithFixedDelay(() -> guarded(log, "reconcile", () -> {
                Reconciliation done = engine.reconcile(RECONCILER, false);
                if (!done.abandoned().isEmpty() || !done.orphans().isEmpty() || !done.lost().isEmpty()
                        || !done.problems().isEmpty()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("level", done.problems().isEmpty() ? "info" : "warn");
                    line.put("event", "reconcile");
                    line.put("abandoned", done.abandoned().size());
                    line.put("orphans", done.orphans().size());
                    line.put("lost", done.lost().size());
                    line.put("problems", done.problems());
                    log.accept(ApiJson.text(line));
                }
            }), every, every, TimeUnit.MILLISECONDS);
        }
        return new Housekeeping(scheduler, delivery);
    }

    /**
     * A periodic task that throws is never run again by its executor: for the lease keeper that would end
     * reaping in this replica for good. So every failure short of the JVM's own is logged and the next round
     * runs.
     */
    private static void guarded(Consumer<String> log, String what, Runnable work) {
        try {
            work.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            log.accept(ApiJson.text(Map.of("level", "warn", "event", what + "-failed",
                    "error", Bodies.clip(String.valueOf(e.getMessage())))));
        }
    }

    /** Stops scheduling and waits briefly for a round in progress (it is safe to cut: all steps are durable). */
    @Override
    public void close() {
        scheduler.shutdownNow();
        delivery.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
