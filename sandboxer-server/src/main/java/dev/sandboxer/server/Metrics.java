package dev.sandboxer.server;

import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.model.Verb;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code GET /metrics} shows: request latency by route template and status, lifecycle verbs by
 * extension and outcome, and sandboxes by state. Tags only ever take values from small fixed sets (route
 * templates, never raw paths), so a client sending junk cannot grow the registry without bound.
 */
final class Metrics {
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String REFUSED = "refused";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Latency buckets from a quick read to a slow create waited on: a few, so every route's series stays small. */
    private static final Duration[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            30_000, 120_000).map(Duration::ofMillis).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge sandboxes = MultiGauge.builder("sandboxer.sandboxes")
            .description("Sandboxes by state (destroyed ones are history and not counted)").register(registry);
    private final SandboxEngine engine;

    Metrics(SandboxEngine engine) {
        this.engine = engine;
    }

    void request(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by route template and status")
                .tags("method", METHODS.contains(method) ? method : "OTHER", "route", route,
                        "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void lifecycle(Verb verb, String extension, String outcome) {
        registry.counter("sandboxer.lifecycle", "verb", verb.id(), "extension", extension, "outcome", outcome)
                .increment();
    }

    /** How an engine failure counts: the caller's mistake is a refusal, the backend's a failure. */
    static String outcomeOf(RuntimeException e) {
        return e instanceof SandboxerException.ProvisionFailed || e instanceof SandboxerException.Unavailable
                || !(e instanceof SandboxerException || e instanceof ApiError) ? FAILED : REFUSED;
    }

    /** The Prometheus text; the state gauge is counted from the store now, so it is never stale. */
    String scrape() {
        Map<SandboxState, Long> counts = engine.countByState(SandboxState.LIVE_OR_STUCK);
        List<MultiGauge.Row<?>> rows = counts.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey().id()), e.getValue()))
                .toList();
        sandboxes.register(rows, true);
        return registry.scrape();
    }
}
