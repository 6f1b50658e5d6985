package dev.sandboxer.core.host;

import dev.sandboxer.core.model.HostSample;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a host's load, memory, disk and the number of containers this installation owns there, with one fixed
 * script whose only inputs (the work root and the installation id) are positional arguments. A host that cannot
 * be reached gives an unreachable sample, which makes it stale for placement until a later read reaches it.
 */
public final class Telemetry {
    static final String SCRIPT = String.join("; ",
            "cut -d ' ' -f 1 /proc/loadavg",
            "grep -E '^(MemTotal|MemAvailable):' /proc/meminfo",
            "{ df -P \"$1\" 2>/dev/null || df -P /; } | tail -n 1",
            "podman ps -aq --filter \"label=dev.sandboxer.installation=$2\" 2>/dev/null | wc -l");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Telemetry() {
    }

    public static HostSample read(String host, Transport transport, String workRoot, String installationId,
                                  Instant at) {
        CommandResult result;
        try {
            result = transport.run(Command.of("sh", "-c", SCRIPT, "sh", workRoot, installationId).withTimeout(TIMEOUT));
        } catch (TransportException e) {
            return HostSample.unreachable(host, at, e.getMessage());
        }
        if (result.timedOut()) {
            return HostSample.unreachable(host, at, "telemetry read timed out after " + TIMEOUT.toSeconds() + " s");
        }
        return parse(host, at, result.stdout());
    }

    /** Parses the script's output; a line it cannot read leaves that figure empty rather than failing. */
    static HostSample parse(String host, Instant at, String output) {
        OptionalDouble load = OptionalDouble.empty();
        OptionalLong total = OptionalLong.empty();
        OptionalLong free = OptionalLong.empty();
        OptionalInt disk = OptionalInt.empty();
        OptionalInt containers = OptionalInt.empty();
        String[] lines = output.strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            try {
                if (i == 0) {
                    load = OptionalDouble.of(Double.parseDouble(line));
                } else if (line.startsWith("MemTotal:")) {
                    total = OptionalLong.of(kib(line) / 1024);
                } else if (line.startsWith("MemAvailable:")) {
                    free = OptionalLong.of(kib(line) / 1024);
                } else if (line.contains("%")) {
                    String[] cols = line.split("\\s+");
                    disk = OptionalInt.of(Integer.parseInt(cols[cols.length - 2].replace("%", "")));
                } else if (i == lines.length - 1) {
                    containers = OptionalInt.of(Integer.parseInt(line));
                }
            } catch (RuntimeException unreadable) {
                // leave the figure empty
            }
        }
        return new HostSample(host, at, true, load, total, free, disk, containers, Optional.empty());
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
