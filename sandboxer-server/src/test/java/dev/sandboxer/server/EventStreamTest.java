package dev.sandboxer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-Sent Events: a sandbox's events through ready, resuming, and only what the token may see. */
class EventStreamTest {
    private final TestServer t = TestServer.get();

    @AfterEach
    void letCreatesThrough() {
        GatedExtension.open();
    }

    /** A stream being read on its own thread; events arrive in {@link #events}. */
    private final class Follow implements AutoCloseable {
        final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        final List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread reader;
        private volatile Stream<String> lines;

        Follow(String path, String token, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(t.api.base().resolve(path))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token);
            headers.forEach(request::header);
            HttpResponse<Stream<String>> response = t.api.http().send(request.build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
            lines = response.body();
            reader = Thread.ofVirtual().start(() -> {
                try {
                    lines.forEach(line -> {
                        if (line.startsWith("id: ")) {
                            ids.add(line.substring(4));
                        } else if (line.startsWith("data: ")) {
                            try {
                                events.add(Api.JSON.readTree(line.substring(6)));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
                } catch (RuntimeException e) {
                    // closed by the test
                }
            });
        }

        JsonNode next() throws InterruptedException {
            JsonNode event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10s").isNotNull();
            return event;
        }

        /** Events until (and including) the first of this type. */
        List<JsonNode> until(String type) throws InterruptedException {
            List<JsonNode> seen = new java.util.ArrayList<>();
            do {
                seen.add(next());
            } while (!seen.getLast().get("type").asText().equals(type));
            return seen;
        }

        @Override
        public void close() {
            lines.close();
            reader.interrupt();
        }
    }

    @Test
    void aSandboxsStreamDeliversItsEventsThroughReady() throws Exception {
        GatedExtension.hold();
        String id = t.api.post("/v1/sandboxes", t.agentP1, Map.of("profile", "gated")).json().at("/sandbox/id")
                .asText();

        try (Follow follow = new Follow("/v1/sandboxes/" + id + "/events", t.agentP1, Map.of())) {
            GatedExtension.awaitArrivals(1);
            GatedExtension.open();
            List<JsonNode> events = follow.until("dev.sandboxer.sandbox.ready");

            assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(
                    "dev.sandboxer.sandbox.requested", "dev.sandboxer.sandbox.provisioning",
                    "dev.sandboxer.sandbox.ready");
            // Each SSE id is the event's sequence, which is what Last-Event-ID hands back.
            assertThat(follow.ids).containsExactlyElementsOf(events.stream().map(e -> e.get("sequence").asText())
                    .toList());
        }
    }

    @Test
    void aReconnectingClientResumesAfterTheLastEventItSaw() throws Exception {
        String id = t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "echo",
                "inputs", Map.of("name", "resume"))).json().get("id").asText();
        JsonNode all = t.api.get("/v1/sandboxes/" + id + "/events", t.agentP1).json();
        String first = all.get(0).get("sequence").asText();

        try (Follow follow = new Follow("/v1/sandboxes/" + id + "/events", t.agentP1,
                Map.of("Last-Event-ID", first))) {
            assertThat(follow.next().get("sequence").asText()).isEqualTo(all.get(1).get("sequence").asText());
        }
    }

    @Test
    void theAllEventsStreamShowsOnlyTheTokensProjects() throws Exception {
        JsonNode latest = t.api.get("/v1/events?limit=10000", t.admin).json();
        String after = latest.isEmpty() ? "0" : latest.get(latest.size() - 1).get("sequence").asText();

        try (Follow follow = new Follow("/v1/events?after=" + after, t.automationP2, Map.of())) {
            String hidden = t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "echo",
                    "inputs", Map.of("name", "hidden"))).json().get("id").asText();
            String mine = t.api.post("/v1/sandboxes?wait=true", t.automationP2, Map.of("profile", "echo",
                    "inputs", Map.of("name", "mine"))).json().get("id").asText();

            // p1's sandbox was made first: had its events leaked, they would arrive first.
            List<JsonNode> events = follow.until("dev.sandboxer.sandbox.ready");
            assertThat(events).extracting(e -> e.get("subject").asText()).containsOnly(mine);
            assertThat(events).extracting(e -> e.get("project").asText()).containsOnly("p2");
            assertThat(t.api.get("/v1/events?limit=10000&after=" + after, t.automationP2).body()).doesNotContain(hidden);
        }
    }

    @Test
    void anotherProjectsSandboxStreamIsNotFound() {
        String id = t.api.post("/v1/sandboxes?wait=true", t.agentP1, Map.of("profile", "echo",
                "inputs", Map.of("name", "private"))).json().get("id").asText();

        Api.Reply reply = t.api.send("GET", "/v1/sandboxes/" + id + "/events", t.automationP2, null, null,
                Map.of("Accept", "text/event-stream"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith(Problem.MEDIA_TYPE);
    }
}
