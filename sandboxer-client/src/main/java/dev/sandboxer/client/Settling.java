package dev.sandboxer.client;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Waiting for a sandbox to leave {@code requested}/{@code provisioning}, by following its events rather than
 * polling. The record stays the judge: an event only says when to look again.
 */
final class Settling {
    /** Event types after which the sandbox may have settled. */
    private static final Set<String> SETTLING = Set.of("ready", "failed", "destroyed", "destroying", "lost",
            "paused");

    private final SandboxerClient client;

    Settling(SandboxerClient client) {
        this.client = client;
    }

    /** Follows the sandbox's events from its first, handing each to {@code listener}, until it settles. */
    Sandbox await(String id, Duration timeout, Consumer<CloudEvent> listener) {
        Instant deadline = Instant.now().plus(timeout);
        // From the first event: whatever happened before subscribing is replayed, so nothing is missed.
        try (EventFeed feed = client.follow(Optional.of(id), 0)) {
            while (Instant.now().isBefore(deadline)) {
                Optional<CloudEvent> event = feed.next(Duration.between(Instant.now(), deadline));
                if (event.isEmpty()) {
                    break;
                }
                listener.accept(event.get());
                if (SETTLING.contains(event.get().shortType())) {
                    Sandbox sandbox = client.get(id);
                    if (settled(sandbox)) {
                        return sandbox;
                    }
                }
            }
        }
        return client.get(id);
    }

    static boolean settled(Sandbox sandbox) {
        return sandbox.state() != SandboxState.REQUESTED && sandbox.state() != SandboxState.PROVISIONING;
    }

    /**
     * The error the engine threw for a failed create, rebuilt from the record when the client saw the failure
     * through events instead: the record keeps the reason on its first line and the diagnostics after it.
     */
    static SandboxerException.ProvisionFailed failure(Sandbox sandbox) {
        String failure = sandbox.failure().orElse("(no reason recorded)");
        int newline = failure.indexOf('\n');
        String reason = newline < 0 ? failure : failure.substring(0, newline);
        String diagnostics = newline < 0 ? "" : failure.substring(newline + 1);
        return new SandboxerException.ProvisionFailed(sandbox.id(), "sandbox " + sandbox.id() + " failed: " + reason,
                diagnostics, null);
    }
}
