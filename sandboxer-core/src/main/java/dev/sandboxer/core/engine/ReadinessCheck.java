package dev.sandboxer.core.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits until a sandbox answers its readiness probe, its workload stops, or the probe's timeout passes.
 * HTTP probes go to the published endpoint; command probes run through the extension's exec.
 */
final class ReadinessCheck {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What the last attempt said, so a timeout can explain itself. */
    record Attempt(boolean ready, String detail) {
    }

    private ReadinessCheck() {
    }

    static Attempt http(String url, int expectedStatus) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Attempt(status == expectedStatus, "GET " + url + " answered " + status);
        } catch (java.io.IOException e) {
            return new Attempt(false, "GET " + url + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, "interrupted");
        }
    }

    /**
     * Polls until ready, timeout, or {@code stopped} reports why waiting is pointless (the workload exited).
     *
     * @return the last attempt; not ready when it timed out or stopped
     */
    static Attempt await(Supplier<Attempt> probe, Supplier<Optional<String>> stopped, Duration timeout,
                         Duration interval) {
        // Real elapsed time on purpose (not the injected Clock): this waits for a real backend.
        long deadline = System.nanoTime() + timeout.toNanos();
        Attempt last = probe.get();
        while (!last.ready() && System.nanoTime() - deadline < 0) {
            Optional<String> why = stopped.get();
            if (why.isPresent()) {
                return new Attempt(false, why.get() + " (last probe: " + last.detail() + ")");
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Attempt(false, "interrupted while waiting for readiness");
            }
            last = probe.get();
        }
        return last;
    }
}
