package dev.sandboxer.transport.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom to connect.
 *
 * @param hostKeyFingerprint the pinned SHA-256 fingerprint of the host's key; nothing else is accepted
 * @param connectTimeout     for the TCP connect, the key exchange and authentication together
 * @param keepAlive          interval of SSH-level keep-alive requests on the reused session
 */
public record SshTarget(String address, int port, String user, Path keyFile, String hostKeyFingerprint,
                        Duration connectTimeout, Duration keepAlive) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    public SshTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keyFile, "keyFile");
        HostKeyPin.requireFingerprint(hostKeyFingerprint);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, not " + port);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAlive, "keepAlive");
    }

    public SshTarget(String address, int port, String user, Path keyFile, String hostKeyFingerprint) {
        this(address, port, user, keyFile, hostKeyFingerprint, DEFAULT_CONNECT_TIMEOUT, DEFAULT_KEEP_ALIVE);
    }

    public String location() {
        return "ssh://" + user + "@" + address + ":" + port;
    }
}
