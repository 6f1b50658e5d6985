package dev.sandboxer.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a {@code text/event-stream} (the WHATWG event-stream format): {@code id:}, {@code event:},
 * {@code data:} (lines joined by newlines), {@code retry:}, comments starting with {@code :}, and a blank line
 * ending each message.
 */
final class ServerSentEvents {

    /** One dispatched message. {@code id} is empty when the server sent none. */
    record Message(Optional<String> id, String event, String data) {
    }

    /** Receives each message; and the reconnection delay the server asks for, when it asks. */
    interface Listener {
        void message(Message message) throws InterruptedException;

        default void retry(long millis) {
        }
    }

    private ServerSentEvents() {
    }

    /** Reads until the stream ends. */
    static void read(InputStream stream, Listener listener) throws IOException, InterruptedException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        Optional<String> id = Optional.empty();
        String event = "message";
        StringBuilder data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    listener.message(new Message(id, event, data.toString()));
                }
                id = Optional.empty();
                event = "message";
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue; // a comment: servers send them to keep the connection open
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "id" -> id = value.isEmpty() ? Optional.empty() : Optional.of(value);
                case "event" -> event = value;
                case "retry" -> {
                    if (value.matches("\\d{1,9}")) {
                        listener.retry(Long.parseLong(value));
                    }
                }
                default -> {
                    // unknown fields are ignored, as the format asks
                }
            }
        }
    }
}
