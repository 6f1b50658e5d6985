package dev.sandboxer.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.core.model.HostSample;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.spi.transport.Transport;
import dev.sandboxer.spi.transport.TransportException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryTest {

    @Test
    void readsThisMachine() {
        HostSample s = Telemetry.read("local", new LocalTransport(), "/tmp", "no-such-installation", Instant.now());
        assertThat(s.reachable()).isTrue();
        assertThat(s.load1()).isPresent();
        assertThat(s.memoryTotalMb().getAsLong()).isGreaterThan(100);
        assertThat(s.memoryFreeMb().getAsLong()).isBetween(0L, s.memoryTotalMb().getAsLong());
        assertThat(s.diskUsedPercent().getAsInt()).isBetween(0, 100);
        assertThat(s.containers().getAsInt()).isZero();
    }

    @Test
    void parsesTheScriptOutput() {
        HostSample s = Telemetry.parse("h", Instant.EPOCH, """
                0.42
                MemTotal:       24576000 kB
                MemAvailable:   12288000 kB
                /dev/sda1  100000  37000  63000  37% /
                3
                """);
        assertThat(s.load1().getAsDouble()).isEqualTo(0.42);
        assertThat(s.memoryTotalMb().getAsLong()).isEqualTo(24000);
        assertThat(s.memoryFreeMb().getAsLong()).isEqualTo(12000);
        assertThat(s.diskUsedPercent().getAsInt()).isEqualTo(37);
        assertThat(s.containers().getAsInt()).isEqualTo(3);
    }

    @Test
    void anUnreachableHostGivesAnUnreachableSample() {
        Transport down = new Transport() {
            @Override
            public String location() {
                return "ssh://root@10.0.0.9:22";
            }

            @Override
            public CommandResult run(Command command) {
                throw new TransportException("cannot reach ssh://root@10.0.0.9:22: Connection refused", null);
            }

            @Override
            public void makeDirectory(String path, int mode) {
            }

            @Override
            public void writeFile(String path, byte[] content, int mode) {
            }

            @Override
            public void deleteTree(String path) {
            }

            @Override
            public List<String> list(String path) {
                return List.of();
            }
        };
        HostSample s = Telemetry.read("h", down, "/tmp", "i", Instant.EPOCH);
        assertThat(s.reachable()).isFalse();
        assertThat(s.error()).contains("cannot reach ssh://root@10.0.0.9:22: Connection refused");
        assertThat(List.of(s.load1().isPresent(), s.containers().isPresent())).containsOnly(false);
    }
}
