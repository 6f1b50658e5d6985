package dev.sandboxer.core.billing;

import dev.sandboxer.core.error.SandboxerException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A billing period {@code [from, to)}. Bounds are written as a UTC date ({@code 2026-12-01}, its midnight) or an
 * instant ({@code 2026-12-01T10:00:00Z}); by default the period is this month so far.
 */
public record Period(Instant from, Instant to) {

    public Period {
        if (!from.isBefore(to)) {
            throw new SandboxerException.Invalid("invalid-period", "the period must start (" + from
                    + ") before it ends (" + to + ")", "e.g. --from 2026-12-01 --to 2027-01-01");
        }
    }

    public static Period of(Optional<String> from, Optional<String> to, Instant now) {
        Instant start = from.map(Period::parse).orElseGet(() -> LocalDate.ofInstant(now, ZoneOffset.UTC)
                .withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Instant end = to.map(Period::parse).orElse(now.plusMillis(1));
        return new Period(start, end);
    }

    public static Instant parse(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new SandboxerException.Invalid("invalid-time", "'" + (text.length() > 40 ? text.substring(0, 40)
                    : text) + "' is neither a date (2026-12-01) nor an instant (2026-12-01T10:00:00Z)", "");
        }
    }
}
