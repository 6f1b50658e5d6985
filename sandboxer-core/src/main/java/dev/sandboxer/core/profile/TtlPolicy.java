package dev.sandboxer.core.profile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a sandbox made from the profile lives: {@code defaultTtl} unless the consumer asks for
 * another time, and never longer than {@code max} in total, extensions included.
 */
public record TtlPolicy(Duration defaultTtl, Duration max) {
    static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    static final Duration DEFAULT_MAX = Duration.ofHours(4);
    public static final TtlPolicy STANDARD = new TtlPolicy(DEFAULT_TTL, DEFAULT_MAX);

    public TtlPolicy {
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        Objects.requireNonNull(max, "max");
        if (defaultTtl.compareTo(max) > 0 || defaultTtl.isNegative() || defaultTtl.isZero()) {
            throw new IllegalArgumentException("need 0 < default <= max, got " + defaultTtl + " and " + max);
        }
    }

    /** Whether a sandbox may live {@code total} from its creation. */
    public boolean allows(Duration total) {
        return total.compareTo(Duration.ZERO) > 0 && total.compareTo(max) <= 0;
    }

    /**
     * {@code ttl: {default, max}}. A missing default is 30m (or max, if shorter); a missing max is 4h (or
     * the default, if longer), so writing only one of them never makes the pair contradict itself.
     */
    static TtlPolicy read(Optional<Section> ttl) {
        if (ttl.isEmpty()) {
            return STANDARD;
        }
        Section s = ttl.get();
        Optional<Duration> given = s.duration("default");
        Optional<Duration> max = s.duration("max");
        if (given.isPresent() && max.isPresent() && given.get().compareTo(max.get()) > 0) {
            s.problems().at(s.get("default").orElseThrow(), Durations.format(given.get()) + " is longer than max "
                    + Durations.format(max.get()) + "; shorten the default or raise max");
            return STANDARD;
        }
        Duration effectiveMax = max.orElseGet(() -> given.filter(g -> g.compareTo(DEFAULT_MAX) > 0).orElse(DEFAULT_MAX));
        Duration effectiveDefault = given.orElseGet(
                () -> DEFAULT_TTL.compareTo(effectiveMax) > 0 ? effectiveMax : DEFAULT_TTL);
        return new TtlPolicy(effectiveDefault, effectiveMax);
    }

    @Override
    public String toString() {
        return "TtlPolicy[default=" + Durations.format(defaultTtl) + ", max=" + Durations.format(max) + "]";
    }
}
