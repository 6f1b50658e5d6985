package dev.sandboxer.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    private static List<ServerSentEvents.Message> read(String stream, List<Long> retries) throws Exception {
        List<ServerSentEvents.Message> messages = new ArrayList<>();
        ServerSentEvents.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)),
                new ServerSentEvents.Listener() {
                    @Override
                    public void message(ServerSentEvents.Message message) {
                        messages.add(message);
                    }

                    @Override
                    public void retry(long millis) {
                        retries.add(millis);
                    }
                });
        return messages;
    }

    @Test
    void messagesEndAtABlankLineAndCommentsAreSkipped() throws Exception {
        List<Long> retries = new ArrayList<>();
        List<ServerSentEvents.Message> messages = read("""
                : following events after 0

                retry: 2500
                id: 7
                data: {"a":1}

                : keep-alive

                event: note
                data:first
                data: second

                data: no end of stream blank line""", retries);
        assertThat(messages).containsExactly(
                new ServerSentEvents.Message(Optional.of("7"), "message", "{\"a\":1}"),
                new ServerSentEvents.Message(Optional.empty(), "note", "first\nsecond"));
        assertThat(retries).containsExactly(2500L);
    }
}
