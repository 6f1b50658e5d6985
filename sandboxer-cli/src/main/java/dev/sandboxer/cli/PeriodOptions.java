package dev.sandboxer.cli;

import dev.sandboxer.core.billing.Period;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --from} and {@code --to} of a billing period: dates (UTC) or instants; default this month so far. */
public final class PeriodOptions {

    @Option(names = "--from", paramLabel = "DATE|INSTANT",
            description = "Start (inclusive), e.g. 2026-12-01 (default: the first of this month, UTC).")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT", description = "End (exclusive) (default: now).")
    String to;

    Period period(Instant now) {
        return Period.of(Optional.ofNullable(from), Optional.ofNullable(to), now);
    }
}
