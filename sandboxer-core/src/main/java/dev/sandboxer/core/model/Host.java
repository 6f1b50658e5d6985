package dev.sandboxer.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A remote machine sandboxes can be placed on, reached over SSH.
 *
 * @param keyFile             the client's private key, on the control plane's machine
 * @param hostKeyFingerprint  the host key pinned when the host was added ({@code SHA256:...}); no other key is
 *                            accepted afterwards
 * @param workRoot            the directory on the host under which sandboxes get their private directories
 * @param capacity            what the operator declares the host can give sandboxes
 * @param labels              matched against a profile's placement constraints
 */
public record Host(String name, String address, int port, String user, String keyFile, String hostKeyFingerprint,
                   String workRoot, Capacity capacity, Map<String, String> labels, State state, Instant addedAt) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9._-]{0,63}");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    /** Active hosts take new sandboxes; draining ones keep theirs but take no new ones. */
    public enum State { ACTIVE, DRAINING }

    public Host {
        requireName(name);
        if (address == null || !ADDRESS.matcher(address).matches() || address.startsWith("-")) {
            throw new IllegalArgumentException("address '" + address + "' must be a host name or IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, not " + port);
        }
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user '" + user + "' must be a plain login name");
        }
        Objects.requireNonNull(keyFile, "keyFile");
        if (keyFile.isBlank() || keyFile.indexOf('\0') >= 0 || keyFile.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("key file must be a path");
        }
        if (hostKeyFingerprint == null || !FINGERPRINT.matcher(hostKeyFingerprint).matches()) {
            throw new IllegalArgumentException("host key fingerprint must look like SHA256: followed by 43 base64 "
                    + "characters (as ssh-keygen -lf prints it)");
        }
        if (workRoot == null || !workRoot.startsWith("/") || workRoot.equals("/") || workRoot.indexOf('\0') >= 0
                || workRoot.indexOf('\n') >= 0 || workRoot.contains("/../")) {
            throw new IllegalArgumentException("work root must be an absolute directory below /, not '" + workRoot + "'");
        }
        Objects.requireNonNull(capacity, "capacity");
        labels = Map.copyOf(new TreeMap<>(labels));
        labels.forEach((k, v) -> {
            if (!LABEL_KEY.matcher(k).matches() || !LABEL_VALUE.matcher(v).matches()) {
                throw new IllegalArgumentException("label '" + k + "=" + v + "': keys are lower-case letters, digits "
                        + "and ._/-; values letters, digits and ._-");
            }
        });
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(addedAt, "addedAt");
    }

    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("host name '" + name
                    + "' must be 1-63 of lower-case letters, digits and '-', starting with a letter or digit");
        }
        return name;
    }

    public Host withState(State newState) {
        return new Host(name, address, port, user, keyFile, hostKeyFingerprint, workRoot, capacity, labels, newState,
                addedAt);
    }

    /**
     * An amount of host resources: declared capacity, a sandbox's demand, or what live sandboxes hold.
     *
     * @param sandboxes a count of sandboxes (for a demand: 1)
     */
    public record Capacity(long cpuMillis, long memoryMb, int sandboxes) {
        public Capacity {
            if (cpuMillis < 0 || memoryMb < 0 || sandboxes < 0) {
                throw new IllegalArgumentException("capacity must not be negative");
            }
        }

        public Capacity minus(Capacity other) {
            return new Capacity(Math.max(0, cpuMillis - other.cpuMillis), Math.max(0, memoryMb - other.memoryMb),
                    Math.max(0, sandboxes - other.sandboxes));
        }

        public boolean covers(Capacity demand) {
            return cpuMillis >= demand.cpuMillis && memoryMb >= demand.memoryMb && sandboxes >= demand.sandboxes;
        }

        @Override
        public String toString() {
            return cpuMillis + "m cpu, " + memoryMb + " MiB, " + sandboxes + " sandboxes";
        }
    }
}
