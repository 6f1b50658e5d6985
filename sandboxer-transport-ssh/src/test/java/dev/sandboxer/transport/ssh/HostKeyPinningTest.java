package dev.sandboxer.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Only the pinned host key is accepted; a login that fails says so. Against real OpenSSH servers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostKeyPinningTest {
    private SshdHost host;
    private SshdHost other;

    @BeforeAll
    void start() throws Exception {
        host = SshdHost.start("pinned");
        other = SshdHost.start("impostor");
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
        other.close();
    }

    @Test
    void thePinnedKeyConnects() throws Exception {
        try (SshTransport transport = new SshTransport(host.target())) {
            assertThat(transport.run(Command.of("true")).ok()).isTrue();
        }
    }

    @Test
    void anotherKeyIsRefusedWithBothFingerprints() throws Exception {
        // The address of one host with the pin of another: what a changed (or spoofed) host key looks like.
        SshTarget target = new SshTarget("127.0.0.1", host.port(), "root", SshdHost.clientKey(),
                other.fingerprint(), Duration.ofSeconds(5), Duration.ofSeconds(5));
        try (SshTransport transport = new SshTransport(target)) {
            assertThatThrownBy(() -> transport.run(Command.of("touch", host.data() + "/ran")))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("host key of ssh://root@127.0.0.1:" + host.port() + " has changed")
                    .hasMessageContaining("pinned " + other.fingerprint())
                    .hasMessageContaining("offered " + host.fingerprint());
        }
        assertThat(host.data().resolve("ran")).doesNotExist();
    }

    @Test
    void aKeyTheHostDoesNotAuthorizeFailsToLogIn() throws Exception {
        Path keys = Files.createTempDirectory("sandboxer-ssh-stranger");
        Path stranger = keys.resolve("id_ecdsa");
        SshdHost.run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", stranger.toString());
        SshTarget target = new SshTarget("127.0.0.1", host.port(), "root", stranger, host.fingerprint(),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        try (SshTransport transport = new SshTransport(target)) {
            assertThatThrownBy(() -> transport.run(Command.of("true")))
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("cannot log in to ssh://root@127.0.0.1:" + host.port());
        } finally {
            SshdHost.run("rm", "-rf", keys.toString());
        }
    }

    @Test
    void theOfferedKeyIsLearnedWithoutLoggingIn() {
        assertThat(HostKeys.offered("127.0.0.1", host.port(), Duration.ofSeconds(5))).isEqualTo(host.fingerprint());
    }

    @Test
    void aKnownHostsFileVouchesForItsHostsOnly() throws Exception {
        Path file = Files.createTempFile("known_hosts", "");
        try {
            Files.writeString(file, other.knownHostsLine() + "\n" + host.knownHostsLine() + "\n");
            assertThat(HostKeys.known(file, "127.0.0.1", host.port())).containsExactly(host.fingerprint());
            assertThat(HostKeys.known(file, "127.0.0.1", 1)).isEmpty();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aFingerprintMustLookLikeOne() {
        assertThatThrownBy(() -> new HostKeyPin("md5:aa:bb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA256:");
    }
}
