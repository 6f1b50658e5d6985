package dev.sandboxer.core.billing;

import dev.sandboxer.core.model.SandboxEvent;
import dev.sandboxer.core.model.SandboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time a sandbox spent in each state up to a moment, read from its transition events (which are written in
 * the same transaction as the state change, so they are the durable truth). Running time is what holds
 * backend resources at full price (provisioning, ready, destroying); paused time is priced separately.
 *
 * @param millisByState milliseconds per state id, in the order first entered
 */
public record Usage(Map<String, Long> millisByState) {
    private static final List<String> RUNNING = List.of(SandboxState.PROVISIONING.id(), SandboxState.READY.id(),
            SandboxState.DESTROYING.id());

    public Usage {
        millisByState = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(millisByState));
    }

    /** Usage from a sandbox's events (oldest first) up to {@code until}. */
    public static Usage of(List<SandboxEvent> events, Instant until) {
        Map<String, Long> millis = new LinkedHashMap<>();
        String state = null;
        Instant since = Instant.EPOCH;
        for (SandboxEvent event : events) {
            Optional<String> entered = stateOf(event);
            if (entered.isEmpty()) {
                continue;
            }
            Instant at = event.time().isAfter(until) ? until : event.time();
            if (state != null) {
                millis.merge(state, Math.max(0, Duration.between(since, at).toMillis()), Long::sum);
            }
            state = entered.get();
            since = at;
        }
        if (state != null) {
            millis.merge(state, Math.max(0, Duration.between(since, until).toMillis()), Long::sum);
        }
        return new Usage(millis);
    }

    private static Optional<String> stateOf(SandboxEvent event) {
        if (!event.type().startsWith(SandboxEvent.TYPE_PREFIX)) {
            return Optional.empty();
        }
        String what = event.type().substring(SandboxEvent.TYPE_PREFIX.length());
        for (SandboxState s : SandboxState.values()) {
            if (s.id().equals(what)) {
                return Optional.of(what);
            }
        }
        return Optional.empty();
    }

    public long runningMillis() {
        return RUNNING.stream().mapToLong(s -> millisByState.getOrDefault(s, 0L)).sum();
    }

    public long pausedMillis() {
        return millisByState.getOrDefault(SandboxState.PAUSED.id(), 0L);
    }

    /** Whole seconds per state, for people and exports. */
    public Map<String, Long> secondsByState() {
        Map<String, Long> seconds = new LinkedHashMap<>();
        millisByState.forEach((state, ms) -> seconds.put(state, ms / 1000));
        return seconds;
    }
}
