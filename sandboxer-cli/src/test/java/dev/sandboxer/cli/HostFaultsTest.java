package dev.sandboxer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.host.HostedExtension;
import dev.sandboxer.core.host.Hosts;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.ext.compose.ComposeExtensionProvider;
import dev.sandboxer.spi.BackendRef;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.NetworkPolicy;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.ProvisionRequest;
import dev.sandboxer.spi.Resources;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.LocalTransport;
import dev.sandboxer.transport.ssh.SshdHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults between the control plane and a host, with a real OpenSSH server and real podman-compose. */
class HostFaultsTest {
    private static final LocalTransport LOCAL = new LocalTransport();
    @TempDir
    Path dir;
    private SshdHost host;
    private JdbcStore store;
    private Hosts hosts;
    private HostedExtension compose;
    private final Owner owner = new Owner("faults-" + System.nanoTime());

    @BeforeEach
    void start() throws Exception {
        host = SshdHost.start("faults");
        store = JdbcStore.sqlite(dir.resolve("sandboxer.db"), Clock.systemUTC());
        hosts = new Hosts(store);
        hosts.add(new Host("h1", "127.0.0.1", host.port(), "root", SshdHost.clientKey().toString(),
                host.fingerprint(), host.data().toString(), new Host.Capacity(4000, 4096, 4), Map.of(),
                Host.State.ACTIVE, Instant.now()));
        compose = new HostedExtension("compose-ssh", new ComposeExtensionProvider(), hosts, new SshConnector(),
                owner, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        compose.close();
        store.close();
        host.close();
    }

    private ProvisionRequest request(String id) {
        Map<String, Object> spec = Map.of("services", Map.of("web", Map.of("image", "localhost/sandboxer/busybox:latest",
                "command", List.of("sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"))));
        return new ProvisionRequest(id, OwnershipLabels.of(id, owner, Instant.now().plusSeconds(600)), Optional.empty(),
                new Resources(500, 256L * 1024 * 1024), NetworkPolicy.DENY_ALL, List.of(), Map.of(), Map.of(),
                List.of(), spec);
    }

    @Test
    void aConnectionDroppedInTheMiddleOfCreateFailsItAndReconcileLeavesNothingOnTheHost() throws Exception {
        String id = "faultsdrop" + (System.nanoTime() % 100000);
        AtomicBoolean dropped = new AtomicBoolean();
        assertThatThrownBy(() -> compose.create(request(id), step -> {
            if (step.startsWith("podman-compose up") && dropped.compareAndSet(false, true)) {
                // podman-compose up takes seconds here: cut every connection while it runs.
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(800);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    host.dropConnections();
                });
            }
        })).isInstanceOf(ExtensionException.class);
        assertThat(dropped).isTrue();
        assertThat(hosts.inspect("h1").reserved().sandboxes()).as("the failed create holds no place").isZero();

        // Reconcile: whatever the control plane still finds as its own on the host is destroyed.
        for (OwnedResource resource : compose.listOwned(owner)) {
            compose.destroy(new BackendRef("compose-ssh", resource.sandboxId(), ""));
        }
        assertThat(compose.listOwned(owner)).isEmpty();
        assertThat(LOCAL.run(Command.of("podman", "ps", "-a", "--filter", "label=dev.sandboxer.installation="
                + owner.installationId(), "--format", "{{.Names}}")).stdout()).isBlank();
        Path work = host.data().resolve("compose-ssh");
        assertThat(!Files.exists(work) || Files.list(work).findAny().isEmpty()).as("work directories left").isTrue();
    }

    @Test
    void aHostDownAtCreateFailsCleanlyAndHoldsNoPlace() {
        host.down();
        assertThatThrownBy(() -> compose.create(request("faultsdown1"), step -> { }))
                .isInstanceOf(ExtensionException.class).hasMessageContaining("cannot reach ssh://root@127.0.0.1:" + host.port());
        assertThat(hosts.inspect("h1").reserved().sandboxes()).isZero();
    }

    @Test
    void aHostWhoseKeyChangedIsRefused() throws Exception {
        hosts.remove("h1");
        hosts.add(new Host("h1", "127.0.0.1", host.port(), "root", SshdHost.clientKey().toString(),
                "SHA256:" + "A".repeat(43), host.data().toString(), new Host.Capacity(4000, 4096, 4), Map.of(),
                Host.State.ACTIVE, Instant.now()));
        assertThatThrownBy(() -> compose.create(request("faultskey1"), step -> { }))
                .isInstanceOf(ExtensionException.class).hasMessageContaining("has changed: pinned SHA256:AAAA");
        assertThat(Files.exists(host.data().resolve("compose-ssh"))).as("nothing was done on the host").isFalse();
    }

    @Test
    void aHostileWorkRootIsUsedVerbatimNeverRun() throws Exception {
        Path canary = Path.of("/tmp/sandboxer-workroot-canary");
        Files.deleteIfExists(canary);
        String root = host.data() + "/odd $(touch " + canary + ") `touch " + canary + "` 'q' \"d\"";
        hosts.remove("h1");
        hosts.add(new Host("h1", "127.0.0.1", host.port(), "root", SshdHost.clientKey().toString(),
                host.fingerprint(), root, new Host.Capacity(4000, 4096, 4), Map.of(), Host.State.ACTIVE,
                Instant.now()));
        var made = compose.create(request("faultsroot1"), step -> { });
        try {
            assertThat(Path.of(root, "compose-ssh")).isDirectory();
        } finally {
            compose.destroy(made.ref());
        }
        assertThat(canary).doesNotExist();
        assertThat(Files.list(Path.of(root, "compose-ssh")).findAny()).isEmpty();
    }

    @Test
    void hostileCapacityOrPlacementValuesAreRefused() {
        assertThat(compose.validateSpec(Map.of("placement", Map.of("host", "$(id)")))).isNotEmpty();
        assertThat(compose.validateSpec(Map.of("placement", Map.of("strategy", "`id`")))).isNotEmpty();
        assertThat(compose.validateSpec(Map.of("placement", Map.of("nodeSelector", "x")))).isNotEmpty();
        assertThat(Duration.ZERO).isZero();
    }
}
