package dev.sandboxer.client;

import java.time.Duration;

/** Durations as the API reads them ({@code 30m}, {@code 1h30m}, {@code 500ms}): the largest units first. */
final class DurationText {
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private DurationText() {
    }

    static String format(Duration duration) {
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
}
