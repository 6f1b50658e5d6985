package dev.sandboxer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.error.SandboxerException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following events: as they happen, across a server restart, and stopping when asked. */
class EventFeedTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    Path home;

    RunningServer server;
    SandboxerClient operator;

    @BeforeEach
    void start() {
        server = RunningServer.start(home);
        operator = server.operator();
    }

    @AfterEach
    void stop() {
        operator.close();
        server.close();
    }

    @Test
    void aFollowedStreamSeesNewEventsAndResumesAfterTheServerRestartsWithoutRepeats() {
        List<CloudEvent> seen = new CopyOnWriteArrayList<>();
        try (EventFeed feed = operator.follow(Optional.empty(), 0, seen::add)) {
            String first = operator.createReady(SandboxRequest.of("web-ref"), SOON).id();
            Awaitility.await().atMost(SOON).until(() -> types(seen, first).contains("ready"));

            server.restart();
            String second = operator.createReady(SandboxRequest.of("web-ref"), SOON).id();
            Awaitility.await().atMost(SOON).until(() -> types(seen, second).contains("ready"));
        }
        List<Long> sequence = seen.stream().map(CloudEvent::seq).toList();
        assertThat(sequence).as("every event once, in order").isSorted().doesNotHaveDuplicates();
        assertThat(sequence).hasSize(operator.events(Optional.empty(), 0, 1000).size());
    }

    @Test
    void closingAFeedEndsItsIterationAtOnce() throws Exception {
        EventFeed feed = operator.follow(Optional.empty(), 0);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            feed.close();
        });
        Instant started = Instant.now();
        assertThat(feed.hasNext()).as("no events yet, then closed").isFalse();
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void nextWithATimeoutAnswersEmptyWhenNothingHappens() {
        try (EventFeed feed = operator.follow(Optional.empty(), 0)) {
            assertThat(feed.next(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void followingAnUnknownSandboxFailsRatherThanRetrying() {
        try (EventFeed feed = operator.follow(Optional.of("sb-nope"), 0)) {
            assertThatThrownBy(feed::hasNext).isInstanceOf(SandboxerException.NotFound.class);
        }
    }

    private static List<String> types(List<CloudEvent> events, String sandboxId) {
        List<String> types = new ArrayList<>();
        events.stream().filter(e -> e.subject().equals(sandboxId)).forEach(e -> types.add(e.shortType()));
        return types;
    }
}
