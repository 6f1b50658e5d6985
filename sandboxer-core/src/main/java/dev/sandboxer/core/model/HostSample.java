package dev.sandboxer.core.model;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one telemetry read found on a host, or that the host could not be reached.
 *
 * @param load1              the 1-minute load average
 * @param diskUsedPercent    use of the file system holding the host's sandbox work root
 * @param containers         containers carrying this installation's ownership label
 */
public record HostSample(String host, Instant at, boolean reachable, OptionalDouble load1,
                         OptionalLong memoryTotalMb, OptionalLong memoryFreeMb, OptionalInt diskUsedPercent,
                         OptionalInt containers, Optional<String> error) {

    public static HostSample unreachable(String host, Instant at, String error) {
        return new HostSample(host, at, false, OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.of(error.length() > 500 ? error.substring(0, 500) : error));
    }
}
