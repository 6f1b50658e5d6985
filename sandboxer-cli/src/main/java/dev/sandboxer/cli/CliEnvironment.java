package dev.sandboxer.cli;

import dev.sandboxer.spi.transport.Transport;
import java.time.Clock;
import java.util.Map;

/**
 * What a CLI run gets from the world instead of reaching for it: the environment variables, how to open the
 * control plane, where host commands run (doctor), the clock and whether a person is watching. Tests pass
 * their own so a run is in-process and repeatable.
 *
 * @param interactive whether stderr is a terminal: progress is shown on stderr only then (or with --progress)
 */
public record CliEnvironment(Map<String, String> env, ControlPlanes planes, Transport transport, Clock clock,
                             boolean interactive) {

    public CliEnvironment {
        env = Map.copyOf(env);
    }

    /** The real thing: a control plane opened per command, host commands resolved against env's PATH. */
    public static CliEnvironment standard(Map<String, String> env) {
        return new CliEnvironment(env, ControlPlanes.perCommand(), new SearchPathTransport(env),
                Clock.systemUTC(), Terminal.stderrIsTerminal());
    }

    public CliEnvironment withTransport(Transport other) {
        return new CliEnvironment(env, planes, other, clock, interactive);
    }
}
