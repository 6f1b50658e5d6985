package dev.sandboxer.server;

import dev.sandboxer.core.engine.SandboxEngine;
import dev.sandboxer.core.engine.Scope;
import dev.sandboxer.core.model.SandboxEvent;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Server-Sent Events over the event log: everything after a sequence number, then whatever is appended,
 * found by polling the store (the log is the outbox; there is no other notification to wait on). Each
 * event's SSE id is its sequence number, so a reconnecting client resumes with {@code Last-Event-ID}.
 * The handler blocks its own virtual thread until the client goes away or the server stops.
 */
final class EventStream {
    private static final int BATCH = 500;
    /** Often enough that idle connections are not closed by Jetty's 30 s idle timeout or by proxies. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final SandboxEngine engine;
    private final Duration poll;
    private final BooleanSupplier open;

    EventStream(SandboxEngine engine, Duration poll, BooleanSupplier open) {
        this.engine = engine;
        this.poll = poll;
        this.open = open;
    }

    void follow(Context ctx, Optional<String> sandbox, Scope scope, long after) {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType(EventRoutes.SSE + ";charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        try {
            ServletOutputStream out = response.getOutputStream();
            write(out, ": following events after " + after + "\n\n");
            long cursor = after;
            long lastWrite = System.nanoTime();
            while (open.getAsBoolean()) {
                List<SandboxEvent> batch = engine.events(sandbox, Scope.ALL, cursor, BATCH);
                StringBuilder chunk = new StringBuilder();
                for (SandboxEvent event : batch) {
                    cursor = event.seq();
                    if (scope.allows(event.project())) {
                        chunk.append("id: ").append(event.seq()).append('\n')
                                .append("data: ").append(ApiJson.text(CloudEvent.of(event, engine.installationId())))
                                .append("\n\n");
                    }
                }
                if (!chunk.isEmpty()) {
                    write(out, chunk.toString());
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
                    write(out, ": keep-alive\n\n");
                    lastWrite = System.nanoTime();
                }
                if (batch.size() < BATCH) {
                    Thread.sleep(poll);
                }
            }
        } catch (IOException e) {
            // The client went away: nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(ServletOutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
