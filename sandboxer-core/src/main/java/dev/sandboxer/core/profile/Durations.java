package dev.sandboxer.core.profile;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as profiles (and the command line) write them: {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 2h}, {@code 1h30m}, {@code 1d}. Units go from largest to smallest, each at most once; the
 * result is always longer than zero.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|d|h|m|s)");
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        Matcher part = PART.matcher(text);
        long total = 0;
        int position = 0;
        int nextUnit = 0;
        try {
            while (position < text.length()) {
                if (!part.region(position, text.length()).lookingAt()) {
                    return Optional.empty();
                }
                int unit = unitIndex(part.group(2));
                if (unit < nextUnit) {
                    return Optional.empty(); // out of order or repeated: "30s1m", "1h1h"
                }
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(part.group(1)), MILLIS[unit]));
                nextUnit = unit + 1;
                position = part.end();
            }
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
        return total > 0 ? Optional.of(Duration.ofMillis(total)) : Optional.empty();
    }

    /** The shortest text {@link #parse} reads back as the same duration (to the millisecond). */
    public static String format(Duration duration) {
        long rest = duration.toMillis();
        if (rest <= 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < UNITS.length; i++) {
            if (rest >= MILLIS[i]) {
                text.append(rest / MILLIS[i]).append(UNITS[i]);
                rest %= MILLIS[i];
            }
        }
        return text.toString();
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        throw new IllegalStateException("pattern admits unit " + unit);
    }
}
