package dev.sandboxer.cli;

import java.time.Duration;
import java.time.Instant;

/** Times as people scan them in a table: {@code in 29m}, {@code 3h5m ago}. */
final class RelativeTime {
    private final Instant now;

    RelativeTime(Instant now) {
        this.now = now;
    }

    String of(Instant when) {
        Duration between = Duration.between(now, when);
        if (between.abs().getSeconds() < 1) {
            return "now";
        }
        return between.isNegative() ? span(between.negated()) + " ago" : "in " + span(between);
    }

    /** The two largest units are enough to tell sandboxes apart: {@code 1d3h}, {@code 29m}, {@code 42s}. */
    static String span(Duration d) {
        long s = d.getSeconds();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < sizes.length && shown < 2; i++) {
            long n = s / sizes[i];
            if (n > 0 || shown > 0) {
                if (n > 0) {
                    text.append(n).append(units[i]);
                }
                shown++;
                s %= sizes[i];
            }
        }
        return text.isEmpty() ? "0s" : text.toString();
    }
}
