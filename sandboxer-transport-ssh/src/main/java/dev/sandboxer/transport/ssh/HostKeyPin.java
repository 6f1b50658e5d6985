package dev.sandboxer.transport.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Objects;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Accepts exactly one host key: the one whose SHA-256 fingerprint was pinned when the host was added. A host
 * that offers any other key is refused, and the refusal is remembered so the transport can say why in plain
 * words (MINA only reports a closed session).
 */
public final class HostKeyPin implements ServerKeyVerifier {
    private final String pinned;
    private volatile String offered;

    /** @param fingerprint as {@code ssh-keygen -lf} prints it, e.g. {@code SHA256:abc...} */
    public HostKeyPin(String fingerprint) {
        this.pinned = requireFingerprint(fingerprint);
    }

    public static String requireFingerprint(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}")) {
            throw new IllegalArgumentException("a host key fingerprint looks like SHA256: followed by 43 base64 "
                    + "characters (as ssh-keygen -lf prints it), not '" + fingerprint + "'");
        }
        return fingerprint;
    }

    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(KeyUtils.getDefaultFingerPrintFactory(), key);
    }

    public String pinned() {
        return pinned;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        String seen = fingerprint(serverKey);
        if (pinned.equals(seen)) {
            offered = null;
            return true;
        }
        offered = seen;
        return false;
    }

    /** The fingerprint of the last refused key, if the last check refused one. */
    String refusedKey() {
        return offered;
    }
}
