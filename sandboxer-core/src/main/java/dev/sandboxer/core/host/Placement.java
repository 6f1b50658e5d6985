package dev.sandboxer.core.host;

import dev.sandboxer.core.model.Host;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses a host for one sandbox, and says why. Pure: the caller reads the hosts and what live sandboxes hold on
 * them, and records the choice, in one write transaction ({@link Hosts#place}).
 *
 * <p>A host can take the sandbox when it is active (not draining), not stale (its last telemetry read reached
 * it), carries every label the profile asks for, and its declared capacity minus what live sandboxes reserve
 * covers the demand. Among those, {@link Strategy#SPREAD} takes the one left least used afterwards,
 * {@link Strategy#PACK} the one left most used (so whole hosts stay free); ties go to the name.
 */
public final class Placement {

    public enum Strategy { SPREAD, PACK }

    /** How a reason for a pinned choice begins; the caller may say who pinned it. */
    static final String PINNED = "pinned";

    /** A host as placement sees it. */
    public record Candidate(Host host, Host.Capacity reserved, boolean stale) {
        Host.Capacity free() {
            return host.capacity().minus(reserved);
        }

        /** The highest of cpu, memory and slot use, as a fraction, once the demand is added. */
        double useAfter(Host.Capacity demand) {
            Host.Capacity cap = host.capacity();
            return Math.max(fraction(reserved.cpuMillis() + demand.cpuMillis(), cap.cpuMillis()),
                    Math.max(fraction(reserved.memoryMb() + demand.memoryMb(), cap.memoryMb()),
                            fraction(reserved.sandboxes() + demand.sandboxes(), cap.sandboxes())));
        }

        private static double fraction(long used, long capacity) {
            return capacity == 0 ? 1.0 : (double) used / capacity;
        }
    }

    /** The host chosen and the reason, in words for {@code describe}. */
    public record Decision(String host, String reason) {
    }

    /** No host can take the sandbox; the message says why each one could not. */
    public static final class NoHost extends RuntimeException {
        public NoHost(String message) {
            super(message);
        }
    }

    private Placement() {
    }

    public static Decision choose(List<Candidate> candidates, Host.Capacity demand, Map<String, String> labels,
                                  Optional<String> pin, Strategy strategy) {
        List<Candidate> able = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Candidate c : candidates) {
            if (pin.isPresent() && !pin.get().equals(c.host().name())) {
                continue;
            }
            Optional<String> why = refusal(c, demand, labels);
            if (why.isPresent()) {
                refused.add(c.host().name() + " (" + why.get() + ")");
            } else {
                able.add(c);
            }
        }
        if (pin.isPresent() && able.isEmpty() && refused.isEmpty()) {
            throw new NoHost("host " + pin.get() + " is not registered");
        }
        if (able.isEmpty()) {
            throw new NoHost(candidates.isEmpty() ? "no hosts are registered"
                    : "no host can take a sandbox needing " + demand.cpuMillis() + "m cpu and " + demand.memoryMb()
                    + " MiB: " + String.join(", ", refused));
        }
        Comparator<Candidate> byUse = Comparator.comparingDouble(c -> c.useAfter(demand));
        if (strategy == Strategy.PACK) {
            byUse = byUse.reversed();
        }
        Candidate chosen = able.stream().sorted(byUse.thenComparing(c -> c.host().name())).findFirst().orElseThrow();
        StringBuilder reason = new StringBuilder();
        if (pin.isPresent()) {
            reason.append(PINNED).append("; ");
        } else {
            reason.append(strategy.name().toLowerCase(java.util.Locale.ROOT)).append(": ");
        }
        reason.append(chosen.host().name()).append(" had ").append(chosen.free()).append(" free");
        if (!labels.isEmpty()) {
            reason.append(", labels ").append(labels);
        }
        if (!refused.isEmpty()) {
            reason.append("; not ").append(String.join(", ", refused));
        }
        return new Decision(chosen.host().name(), reason.toString());
    }

    static Optional<String> refusal(Candidate c, Host.Capacity demand, Map<String, String> labels) {
        if (c.host().state() == Host.State.DRAINING) {
            return Optional.of("draining");
        }
        if (c.stale()) {
            return Optional.of("stale: its last telemetry read could not reach it");
        }
        for (Map.Entry<String, String> want : labels.entrySet()) {
            if (!want.getValue().equals(c.host().labels().get(want.getKey()))) {
                return Optional.of("lacks label " + want.getKey() + "=" + want.getValue());
            }
        }
        if (!c.free().covers(demand)) {
            return Optional.of("full: " + c.free() + " free");
        }
        return Optional.empty();
    }
}
