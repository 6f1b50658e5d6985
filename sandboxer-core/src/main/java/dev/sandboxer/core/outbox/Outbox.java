package dev.sandboxer.core.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.core.store.StoreSession;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers events to webhook sinks. Each {@link #deliver} round, for each sink: hold it (one replica at a time),
 * POST its undelivered events one by one in sequence order, move its cursor after each 2xx, and on the first
 * failure stop that sink and back off exponentially ({@code base × 2^attempts}, at most {@code max}). At least
 * once: a replica that dies after a POST and before moving the cursor means that event is sent again (the
 * event id, also in {@code X-Sandboxer-Delivery}, lets a sink drop the duplicate).
 */
public final class Outbox {
    public static final String DELIVERY_HEADER = "X-Sandboxer-Delivery";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Store store;
    private final List<Sink> sinks;
    private final Clock clock;
    private final String holder = "ob-" + UUID.randomUUID().toString().substring(0, 12);
    private final HttpClient http;
    private final Settings settings;

    /**
     * @param batch   events sent per sink per round at most
     * @param timeout per request
     * @param hold    how long a replica keeps a sink after its last round (another takes over after)
     * @param base    first retry delay
     * @param max     longest retry delay
     */
    public record Settings(int batch, Duration timeout, Duration hold, Duration base, Duration max) {
        public static Settings defaults() {
            return new Settings(100, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1),
                    Duration.ofMinutes(5));
        }
    }

    /** What one round did for one sink. */
    public record Round(String sink, int delivered, Optional<String> failure) {
    }

    public Outbox(Store store, List<Sink> sinks, Clock clock, Settings settings) {
        this.store = store;
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public List<Sink> sinks() {
        return sinks;
    }

    public List<Round> deliver() {
        List<Round> rounds = new ArrayList<>();
        for (Sink sink : sinks) {
            rounds.add(deliver(sink));
        }
        return rounds;
    }

    private Round deliver(Sink sink) {
        Instant now = clock.instant();
        Optional<StoreSession.OutboxCursor> held = store.write(s -> s.holdSink(sink.name(), holder, now,
                now.plus(settings.hold())));
        if (held.isEmpty() || now.isBefore(held.get().nextAttemptAt())) {
            return new Round(sink.name(), 0, Optional.empty());
        }
        StoreSession.OutboxCursor cursor = held.get();
        List<SandboxEvent> events = store.read(s -> s.events(Optional.empty(), cursor.deliveredSeq(),
                settings.batch()));
        String installation = store.installationId();
        int delivered = 0;
        for (SandboxEvent event : events) {
            Optional<String> failure = post(sink, event, installation);
            if (failure.isPresent()) {
                int attempts = cursor.attempts() + 1;
                Duration wait = backoff(attempts);
                store.write(s -> {
                    s.deliveryFailed(sink.name(), holder, attempts, clock.instant().plus(wait), failure.get());
                    return null;
                });
                return new Round(sink.name(), delivered, failure);
            }
            store.write(s -> {
                s.delivered(sink.name(), holder, event.seq());
                return null;
            });
            delivered++;
        }
        return new Round(sink.name(), delivered, Optional.empty());
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 20);
        Duration wait = settings.base().multipliedBy(factor);
        return wait.compareTo(settings.max()) > 0 ? settings.max() : wait;
    }

    private Optional<String> post(Sink sink, SandboxEvent event, String installation) {
        String body = body(event, installation);
        HttpRequest request = HttpRequest.newBuilder(sink.url()).timeout(settings.timeout())
                .header("Content-Type", "application/cloudevents+json")
                .header(DELIVERY_HEADER, event.id())
                .header(Signature.HEADER, Signature.header(sink.secret(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status / 100 == 2 ? Optional.empty()
                    : Optional.of("sink answered HTTP " + status + " to event " + event.seq());
        } catch (IOException e) {
            return Optional.of("cannot reach the sink: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** The event in CloudEvents 1.0 structured JSON, the same shape {@code GET /v1/events} answers with. */
    static String body(SandboxEvent event, String installation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("specversion", "1.0");
        json.put("id", event.id());
        json.put("source", "/sandboxer/" + installation);
        json.put("type", event.type());
        json.put("subject", event.subject());
        json.put("time", event.time().toString());
        json.put("datacontenttype", "application/json");
        json.put("sequence", Long.toString(event.seq()));
        json.put("project", event.project());
        json.put("data", event.data());
        try {
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write event " + event.id(), e);
        }
    }
}
