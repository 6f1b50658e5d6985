package dev.sandboxer.cli;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.config.SandboxerHome;
import java.time.Clock;
import java.util.Map;
import dev.sandboxer.spi.transport.Transport;

/**
 * How a command gets its control plane. The CLI opens one per command and closes it after; tests hold one
 * open across runs, because the in-memory reference extension forgets its sandboxes when closed.
 */
@FunctionalInterface
public interface ControlPlanes {

    Session open(SandboxerHome home, Map<String, String> env, Clock clock, Transport transport);

    static ControlPlanes perCommand() {
        return (home, env, clock, transport) -> {
            ControlPlane plane = ControlPlane.open(home, env, clock, transport,
                    java.util.Optional.of(new SshConnector()));
            return new Session(plane, plane::close);
        };
    }

    /** A control plane held for the length of one command; closing it gives it back. */
    record Session(ControlPlane plane, Runnable release) implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }
}
