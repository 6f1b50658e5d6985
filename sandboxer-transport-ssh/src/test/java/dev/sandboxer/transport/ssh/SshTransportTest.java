package dev.sandboxer.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The transport against a real OpenSSH server on 127.0.0.1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshTransportTest {
    private SshdHost host;
    private SshTransport transport;

    @BeforeAll
    void start() throws Exception {
        host = SshdHost.start("transport");
        transport = new SshTransport(host.target());
    }

    @AfterAll
    void stop() throws Exception {
        transport.close();
        host.close();
    }

    @Test
    void runsArgvAndReportsExitCodeStdoutAndStderr() {
        CommandResult result = transport.run(Command.of("sh", "-c", "echo out; echo err >&2; exit 7"));
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.timedOut()).isFalse();
        assertThat(transport.location()).isEqualTo("ssh://root@127.0.0.1:" + host.port());
    }

    @Test
    void stdinReachesTheCommand() {
        CommandResult result = transport.run(Command.of("cat").withStdin("line 1\nline 2".getBytes(StandardCharsets.UTF_8)));
        assertThat(result.stdout()).isEqualTo("line 1\nline 2");
    }

    @Test
    void envTravelsOnStdinNeverOnTheCommandLine() {
        String secret = "s3cr3t 'quoted' $(touch /tmp/pwned-by-env) `id`";
        Command command = Command.of("sh", "-c", "printf '%s|' \"$TOKEN\"; cat; cat /proc/$$/cmdline | tr '\\0' ' '")
                .withEnv(Map.of("TOKEN", secret)).withStdin("input".getBytes(StandardCharsets.UTF_8));
        assertThat(SshTransport.commandLine(command)).doesNotContain("s3cr3t");

        CommandResult result = transport.run(command);
        assertThat(result.stdout()).startsWith(secret + "|input").doesNotContain("s3cr3t 'quoted' $(touch /tmp/pwned-by-env) `id` ");
        assertThat(Path.of("/tmp/pwned-by-env")).doesNotExist();
    }

    @Test
    void anInvalidEnvNameIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> transport.run(Command.of("true").withEnv(Map.of("A;touch /tmp/x", "v"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid name");
    }

    @Test
    void aCommandPastItsTimeoutIsReportedAsTimedOutAndKilledOnTheHost() throws Exception {
        String marker = "sandboxer-timeout-" + System.nanoTime();
        long start = System.nanoTime();
        CommandResult result = transport.run(Command.of("sh", "-c", "sleep 30; echo " + marker)
                .withTimeout(Duration.ofSeconds(1)));
        assertThat(result.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        // The session is still usable after a channel was abandoned.
        assertThat(transport.run(Command.of("true")).ok()).isTrue();
    }

    @Test
    void abandonedChannelsDoNotExhaustTheConnection() {
        // OpenSSH allows 10 channels per connection; each command that outlives its timeout holds one until the
        // host has ended it. Twelve in a row must not leave the connection refusing channels.
        for (int i = 0; i < 12; i++) {
            assertThat(transport.run(Command.of("sleep", "2").withTimeout(Duration.ofMillis(300))).timedOut()).isTrue();
        }
        assertThat(transport.run(Command.of("echo", "still here")).stdout()).isEqualTo("still here\n");
    }

    @Test
    void theSessionIsReusedAndReopenedWhenItDrops() {
        String first = clientPort();
        assertThat(clientPort()).isEqualTo(first);
        host.dropConnections();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> !clientPort().equals(first));
    }

    private String clientPort() {
        CommandResult result = transport.run(Command.of("sh", "-c", "echo $SSH_CONNECTION"));
        assertThat(result.ok()).isTrue();
        return result.stdout().split(" ")[1];
    }

    @Test
    void filesAreMadeWithTheirModesListedAndDeleted() throws Exception {
        String dir = host.data() + "/sbx-1";
        transport.makeDirectory(dir, 0700);
        transport.writeFile(dir + "/compose.yaml", "services: {}\n".getBytes(StandardCharsets.UTF_8), 0600);
        transport.writeFile(dir + "/odd\nname $(x)", new byte[] {1, 2, 3}, 0644);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(dir)))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(dir, "compose.yaml"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(Path.of(dir, "compose.yaml"))).isEqualTo("services: {}\n");
        assertThat(Files.readAllBytes(Path.of(dir, "odd\nname $(x)"))).containsExactly(1, 2, 3);
        assertThat(transport.list(dir)).containsExactly("compose.yaml", "odd\nname $(x)");
        assertThat(transport.list(dir + "/absent")).isEmpty();

        transport.deleteTree(dir);
        assertThat(Path.of(dir)).doesNotExist();
        transport.deleteTree(dir);
        assertThat(transport.hasProgram("podman")).isTrue();
        assertThat(transport.hasProgram("no-such-program-$(id)")).isFalse();
    }

    @Test
    void manyConcurrentCommandsShareOneConnection() throws Exception {
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<String> outputs = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 20; i++) {
            String word = "w" + i;
            threads.add(Thread.ofVirtual().start(() -> outputs.add(
                    transport.run(Command.of("sh", "-c", "sleep 0.2; echo \"$0\"", word)).stdout().strip())));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(outputs).hasSize(20).doesNotHaveDuplicates().allMatch(s -> s.matches("w\\d+"));
    }

    @Test
    void anUnreachableHostIsATransportException() throws Exception {
        SshTarget nowhere = new SshTarget("127.0.0.1", SshdHost.freePort(), "root", SshdHost.clientKey(),
                host.fingerprint(), Duration.ofSeconds(3), Duration.ofSeconds(5));
        try (SshTransport down = new SshTransport(nowhere)) {
            assertThatThrownBy(() -> down.run(Command.of("true")))
                    .isInstanceOf(TransportException.class).hasMessageStartingWith("cannot reach ssh://root@127.0.0.1:");
        }
    }
}
