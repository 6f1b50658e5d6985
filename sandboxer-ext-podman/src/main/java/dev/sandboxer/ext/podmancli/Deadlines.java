package dev.sandboxer.ext.podmancli;

import dev.sandboxer.spi.ExtensionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** The backend deadline as podman's {@code --timeout N}: whole seconds, counted from the container's start. */
public final class Deadlines {
    private Deadlines() {
    }

    /**
     * Seconds from now to the deadline, rounded up: the workload must never stop before its deadline, and
     * podman starts counting only at start, so the real stop falls slightly after it.
     */
    public static OptionalLong timeoutSeconds(Optional<Instant> deadline, Clock clock) {
        if (deadline.isEmpty()) {
            return OptionalLong.empty();
        }
        long millis = Duration.between(clock.instant(), deadline.get()).toMillis();
        if (millis <= 0) {
            throw new ExtensionException.ProvisionFailed("the deadline " + deadline.get() + " has already passed",
                    "", null);
        }
        return OptionalLong.of((millis + 999) / 1000);
    }
}
