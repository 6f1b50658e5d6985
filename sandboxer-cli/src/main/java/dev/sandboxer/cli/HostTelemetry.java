package dev.sandboxer.cli;

import dev.sandboxer.core.ControlPlane;
import dev.sandboxer.core.host.Hosts;
import dev.sandboxer.core.host.Telemetry;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.HostSample;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Reads hosts' telemetry through their pinned SSH connections and records it (all hosts at once). */
final class HostTelemetry {
    private HostTelemetry() {
    }

    static HostSample refresh(ControlPlane plane, Host host, Clock clock) {
        HostSample sample;
        Transport transport = null;
        try {
            transport = new SshConnector().connect(host);
            sample = Telemetry.read(host.name(), transport, host.workRoot(), plane.installationId(), clock.instant());
        } catch (TransportException e) {
            sample = HostSample.unreachable(host.name(), clock.instant(), e.getMessage());
        } finally {
            if (transport != null) {
                SshConnector.close(transport);
            }
        }
        plane.hosts().record(sample);
        return sample;
    }

    static void refreshAll(ControlPlane plane, Clock clock) {
        List<Thread> reads = new ArrayList<>();
        for (Hosts.View view : plane.hosts().list()) {
            reads.add(Thread.ofVirtual().start(() -> refresh(plane, view.host(), clock)));
        }
        for (Thread read : reads) {
            try {
                read.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
