package dev.sandboxer.cli;

import dev.sandboxer.core.ControlPlane;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads every registered host's telemetry at a fixed interval while a server runs, so hosts that stop answering
 * are marked stale (and kept out of placement) without anyone asking. One round at a time; a failed round is
 * only a missed round.
 */
final class TelemetryLoop implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;

    TelemetryLoop(ControlPlane plane, Clock clock, Duration every) {
        thread = Thread.ofVirtual().name("sandboxer-host-telemetry").start(() -> {
            while (!stopped) {
                try {
                    HostTelemetry.refreshAll(plane, clock);
                } catch (RuntimeException e) {
                    // the next round tries again
                }
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
