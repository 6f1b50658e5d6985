package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.core.host.HostedExtension;
import dev.sandboxer.core.host.Hosts;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.ext.podman.PodmanExtensionProvider;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Provisioned;
import dev.sandboxer.spi.Resources;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.transport.ssh.SshdHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty creates at once through podman-ssh over two real sshd hosts with room for ten: exactly ten run, each host
 * holds no more than its capacity (counted on podman itself, by host label), and the rest fail cleanly.
 */
class ConcurrentPlacementTest {
    private static final LocalTransport LOCAL = new LocalTransport();

    @Test
    void twentyConcurrentCreatesOverTwoHostsNeverOverCommit(@TempDir Path dir) throws Exception {
        Owner owner = new Owner("concurrent-" + System.nanoTime());
        try (SshdHost a = SshdHost.start("conc-a"); SshdHost b = SshdHost.start("conc-b");
             JdbcStore store = JdbcStore.sqlite(dir.resolve("sandboxer.db"), Clock.systemUTC())) {
            Hosts hosts = new Hosts(store);
            hosts.add(host("a", a, 6));
            hosts.add(host("b", b, 4));
            HostedExtension podman = new HostedExtension("podman-ssh", new PodmanExtensionProvider(), hosts,
                    new SshConnector(), owner, Clock.systemUTC());
            ConcurrentLinkedQueue<Provisioned> made = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    String id = "conc" + i + "x" + (System.nanoTime() % 10000);
                    threads.add(Thread.ofPlatform().start(() -> {
                        try {
                            go.await();
                            made.add(podman.create(request(id, owner), step -> { }));
                        } catch (ExtensionException e) {
                            refused.add(e.getMessage());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
                go.countDown();
                for (Thread t : threads) {
                    t.join(Duration.ofMinutes(5));
                }
                assertThat(made).hasSize(10);
                assertThat(refused).hasSize(10).allMatch(m -> m.startsWith("no host can take a sandbox"));
                assertThat(hosts.inspect("a").reserved().sandboxes()).isEqualTo(6);
                assertThat(hosts.inspect("b").reserved().sandboxes()).isEqualTo(4);
                assertThat(made.stream().filter(p -> p.location().startsWith("host a ")).count()).isEqualTo(6);
                assertThat(running(owner)).isEqualTo(10);
            } finally {
                for (Provisioned p : made) {
                    podman.destroy(p.ref());
                }
                podman.close();
            }
            assertThat(running(owner)).isZero();
            assertThat(hosts.inspect("a").reserved().sandboxes()).isZero();
        }
    }

    private static long running(Owner owner) {
        return LOCAL.run(Command.of("podman", "ps", "-a", "--filter", "label=dev.sandboxer.installation="
                + owner.installationId(), "--format", "{{.Names}}")).stdout().lines().filter(l -> !l.isBlank()).count();
    }

    private static Host host(String name, SshdHost sshd, int max) throws Exception {
        return new Host(name, "127.0.0.1", sshd.port(), "root", SshdHost.clientKey().toString(), sshd.fingerprint(),
                sshd.data().toString(), new Host.Capacity(64000, 65536, max), Map.of(), Host.State.ACTIVE,
                Instant.now());
    }

    private static ProvisionRequest request(String id, Owner owner) {
        return new ProvisionRequest(id, OwnershipLabels.of(id, owner, Instant.now().plusSeconds(600)), Optional.empty(),
                new Resources(100, 64L * 1024 * 1024), NetworkPolicy.DENY_ALL, List.of(), Map.of(), Map.of(),
                List.of(), Map.of("image", "localhost/sandboxer/busybox:latest", "command", List.of("sleep", "600")));
    }
}
