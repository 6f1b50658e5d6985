package dev.sandboxer.transport.ssh;

import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.LocalTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on a free 127.0.0.1 port, posing as one remote host: its own generated host key, key-only
 * login as root with a client key shared by the test run, and its own data directory (the host's sandbox work
 * root). Needs /usr/sbin/sshd (scripts/sshd.sh installs it).
 */
public final class SshdHost implements AutoCloseable {
    private static final LocalTransport LOCAL = new LocalTransport();
    private static Path clientKey;

    private final Path dir;
    private final int port;
    private final String fingerprint;
    private Process sshd;

    private SshdHost(Path dir, int port, String fingerprint) {
        this.dir = dir;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    /** A key pair for the client, made once per test JVM. */
    public static synchronized Path clientKey() throws IOException {
        if (clientKey == null) {
            Path keys = Files.createTempDirectory("sandboxer-ssh-client");
            clientKey = keys.resolve("id_ecdsa");
            run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "sandboxer-test", "-f", clientKey.toString());
        }
        return clientKey;
    }

    public static SshdHost start(String name) throws IOException {
        Path dir = Files.createTempDirectory("sandboxer-sshd-" + name);
        Path hostKey = dir.resolve("host_key");
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", name, "-f", hostKey.toString());
        Files.copy(Path.of(clientKey() + ".pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(dir.resolve("data"));
        int port = freePort();
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "PidFile none",
                "MaxStartups 100",
                "LogLevel ERROR",
                ""));
        String print = run("ssh-keygen", "-l", "-E", "sha256", "-f", hostKey + ".pub").stdout().split(" ")[1];
        SshdHost host = new SshdHost(dir, port, print);
        host.up();
        return host;
    }

    /** Starts (again) the server, listening on the same port. */
    public synchronized void up() throws IOException {
        Files.createDirectories(Path.of("/run/sshd"));
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!sshd.isAlive()) {
                    throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
                }
                Thread.onSpinWait();
            }
        }
        throw new IOException("sshd did not listen on " + port);
    }

    /** Stops the server and every connection it serves: the host is down. */
    public synchronized void down() {
        if (sshd != null) {
            sshd.descendants().forEach(ProcessHandle::destroyForcibly);
            sshd.destroyForcibly();
            try {
                sshd.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sshd = null;
        }
    }

    /** Cuts the live connections (and whatever they run) but keeps the server listening. */
    public synchronized void dropConnections() {
        if (sshd != null) {
            sshd.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The host's public key as a known_hosts line for its address and port. */
    public String knownHostsLine() throws IOException {
        return "[127.0.0.1]:" + port + " " + Files.readString(dir.resolve("host_key.pub")).strip();
    }

    public int port() {
        return port;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The host's data directory: its sandbox work root. */
    public Path data() {
        return dir.resolve("data");
    }

    public SshTarget target() throws IOException {
        return new SshTarget("127.0.0.1", port, "root", clientKey(), fingerprint,
                Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    @Override
    public void close() throws IOException {
        down();
        LOCAL.deleteTree(dir.toString());
    }

    public static CommandResult run(String... argv) {
        CommandResult result = LOCAL.run(Command.of(argv).withTimeout(Duration.ofSeconds(30)));
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + result.tail(3));
        }
        return result;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
