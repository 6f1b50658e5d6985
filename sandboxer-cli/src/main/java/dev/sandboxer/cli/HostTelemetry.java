package dev.sandboxer.cli;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.host.Enrolment;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.HostSample;
import java.time.Clock;

/** Reads hosts' telemetry through their pinned SSH connections and records it (all hosts at once). */
final class HostTelemetry {
    private HostTelemetry() {
    }

    static Enrolment enrolment(ControlPlane plane, Clock clock) {
        return new Enrolment(plane.hosts(), new SshConnector(), plane.installationId(), clock);
    }

    static HostSample refresh(ControlPlane plane, Host host, Clock clock) {
        return enrolment(plane, clock).refresh(host);
    }

    static void refreshAll(ControlPlane plane, Clock clock) {
        enrolment(plane, clock).refreshAll();
    }
}
