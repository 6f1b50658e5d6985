package dev.sandboxer.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sandboxer.core.error.SandboxerException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * A followed event stream: a blocking iterator over events as they happen. A dropped connection is picked
 * up again with {@code Last-Event-ID} (and {@code after}), so no event is lost or seen twice; only after
 * {@code maxReconnects} failed attempts in a row does the iterator give up with
 * {@link ClientException.Unreachable}. Close it to stop following.
 *
 * <p>The stream is read on its own virtual thread into a small queue: {@link #close()} then ends iteration at
 * once, whatever the connection is doing.
 */
public final class EventFeed implements Iterator<CloudEvent>, AutoCloseable {
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);

    private sealed interface Item {
    }

    private record Event(CloudEvent event) implements Item {
    }

    private record End(Optional<RuntimeException> failure) implements Item {
    }

    private final Exchange exchange;
    private final String path;
    private final LongFunction<Query> queryAfter;
    private final int maxReconnects;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(256);
    private final Thread reader;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile long retryMillis = DEFAULT_RETRY.toMillis();
    private Item ahead;
    private boolean ended;

    EventFeed(Exchange exchange, String path, LongFunction<Query> queryAfter, long after, int maxReconnects) {
        this.exchange = exchange;
        this.path = path;
        this.queryAfter = queryAfter;
        this.maxReconnects = maxReconnects;
        this.reader = Thread.ofVirtual().name("sandboxer-events").start(() -> follow(after));
    }

    @Override
    public boolean hasNext() {
        return poll(null).isPresent();
    }

    @Override
    public CloudEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the event feed has ended");
        }
        CloudEvent event = ((Event) ahead).event();
        ahead = null;
        return event;
    }

    /** The next event, waiting at most {@code timeout}; empty when none came in time or the feed ended. */
    public Optional<CloudEvent> next(Duration timeout) {
        Optional<CloudEvent> next = poll(timeout);
        ahead = null;
        return next;
    }

    /** Waits for the next item (forever when {@code timeout} is null) and keeps it in {@code ahead}. */
    private Optional<CloudEvent> poll(Duration timeout) {
        if (ahead == null && !ended) {
            try {
                ahead = timeout == null ? queue.take() : queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        if (ahead instanceof End end) {
            ended = true;
            ahead = null;
            end.failure().ifPresent(failure -> {
                throw failure;
            });
        }
        return ahead instanceof Event event ? Optional.of(event.event()) : Optional.empty();
    }

    /** Stops following: iteration ends, the connection is closed. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(current);
        reader.interrupt();
        queue.clear();
        queue.offer(new End(Optional.empty()));
    }

    private void follow(long after) {
        long lastSeq = after;
        Optional<String> lastId = Optional.empty();
        int failures = 0;
        RuntimeException lastFailure = null;
        while (!closed) {
            try (InputStream stream = exchange.stream(path, queryAfter.apply(lastSeq),
                    lastId.map(id -> Map.of("Last-Event-ID", id)).orElse(Map.of()))) {
                current = stream;
                failures = 0;
                Position position = new Position(lastSeq, lastId);
                try {
                    ServerSentEvents.read(stream, listener(position));
                } finally {
                    lastSeq = position.seq;
                    lastId = position.id;
                }
            } catch (ClientException.Unreachable e) {
                lastFailure = e;
            } catch (IOException e) {
                lastFailure = new ClientException.Unreachable("the event stream from " + exchange.base() + " broke: "
                        + e.getMessage(), "it is picked up again automatically", e);
            } catch (InterruptedException e) {
                break;
            } catch (SandboxerException | ClientException e) {
                end(e); // not found, access denied, a garbled event: reconnecting would not help
                return;
            }
            if (closed) {
                break;
            }
            if (lastFailure != null && ++failures > maxReconnects) {
                end(lastFailure);
                return;
            }
            lastFailure = null;
            try {
                Thread.sleep(retryMillis);
            } catch (InterruptedException e) {
                break;
            }
        }
        end(null);
    }

    /** Where the feed has got to, so a reconnect continues after the last event delivered. */
    private static final class Position {
        long seq;
        Optional<String> id;

        Position(long seq, Optional<String> id) {
            this.seq = seq;
            this.id = id;
        }
    }

    private ServerSentEvents.Listener listener(Position position) {
        return new ServerSentEvents.Listener() {
            @Override
            public void message(ServerSentEvents.Message message) throws InterruptedException {
                CloudEvent event = parse(message.data());
                position.id = message.id().or(() -> position.id);
                position.seq = Math.max(position.seq, event.seq() > 0 ? event.seq()
                        : message.id().flatMap(EventFeed::number).orElse(position.seq));
                queue.put(new Event(event));
            }

            @Override
            public void retry(long millis) {
                retryMillis = millis;
            }
        };
    }

    private CloudEvent parse(String data) {
        try {
            return exchange.json().readValue(data, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new ClientException.UnexpectedAnswer(200, "an event from the server is not a CloudEvent: "
                    + e.getOriginalMessage());
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void end(RuntimeException failure) {
        if (!closed) {
            try {
                queue.put(new End(Optional.ofNullable(failure)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(InputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing to stop: a failure to close changes nothing
            }
        }
    }
}
