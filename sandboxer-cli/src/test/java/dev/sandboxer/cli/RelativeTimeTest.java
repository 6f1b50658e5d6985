package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {
    private final Instant now = Instant.parse("2026-01-05T10:00:00Z");
    private final RelativeTime relative = new RelativeTime(now);

    @Test
    void futureAndPastReadNaturally() {
        assertThat(relative.of(now.plus(Duration.ofMinutes(29)))).isEqualTo("in 29m");
        assertThat(relative.of(now.minus(Duration.ofSeconds(42)))).isEqualTo("42s ago");
        assertThat(relative.of(now)).isEqualTo("now");
    }

    @Test
    void onlyTheTwoLargestUnitsAreShown() {
        assertThat(RelativeTime.span(Duration.ofSeconds(3 * 3600 + 5 * 60 + 9))).isEqualTo("3h5m");
        assertThat(RelativeTime.span(Duration.ofSeconds(86_400 + 59))).isEqualTo("1d");
        assertThat(RelativeTime.span(Duration.ofDays(2).plusHours(3))).isEqualTo("2d3h");
    }
}
