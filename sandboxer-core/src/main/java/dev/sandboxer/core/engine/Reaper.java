package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.model.Consumer;
import dev.sandboxer.core.model.Page;
import dev.sandboxer.core.model.Sandbox;
import dev.sandboxer.core.model.SandboxFilter;
import dev.sandboxer.core.model.SandboxState;
import dev.sandboxer.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Destroys expired sandboxes with reason {@code ttl}. Any live state counts, so a record a killed process
 * left in {@code requested}, {@code provisioning} or {@code destroying} is finished here once it expires;
 * sandboxes with an operation genuinely in progress elsewhere are left to it.
 */
final class Reaper {
    private final SandboxEngine engine;
    private final Store store;
    private final Clock clock;
    private final InFlight inFlight;

    Reaper(SandboxEngine engine, Store store, Clock clock, InFlight inFlight) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.inFlight = inFlight;
    }

    List<Sandbox> reap(Consumer initiator) {
        Instant now = clock.instant();
        SandboxFilter live = new SandboxFilter(Set.of(), Optional.empty(), Set.copyOf(SandboxState.LIVE_OR_STUCK),
                Optional.empty(), Map.of());
        List<Sandbox> expired = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Sandbox> page = engine.list(live, Scope.ALL, cursor, 500);
            page.items().stream().filter(s -> !now.isBefore(s.expiresAt())).forEach(expired::add);
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        List<Sandbox> reaped = new ArrayList<>();
        for (Sandbox sandbox : expired) {
            if (store.read(s -> inFlight.active(s, sandbox.id())).isPresent()) {
                continue;
            }
            try {
                engine.destroyIfLive(sandbox.id(), initiator, "ttl", Scope.ALL).ifPresent(reaped::add);
            } catch (SandboxerException e) {
                // Recorded on the sandbox (still destroying, operation failed); the next reap tries again.
            }
        }
        return reaped;
    }
}
