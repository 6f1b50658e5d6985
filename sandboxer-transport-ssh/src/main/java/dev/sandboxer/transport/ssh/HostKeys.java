package dev.sandboxer.transport.ssh;

import dev.sandboxer.spi.transport.TransportException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** Finding the key to pin when a host is added: what the host offers, and what a known_hosts file vouches for. */
public final class HostKeys {
    private HostKeys() {
    }

    /**
     * The fingerprint of the key the host offers. Learning it trusts nothing: the key exchange is aborted right
     * after the key is seen, before any login, and the operator still has to vouch for it (known_hosts or an
     * explicit fingerprint).
     */
    public static String offered(String address, int port, Duration timeout) {
        AtomicReference<String> seen = new AtomicReference<>();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, remote, key) -> {
            seen.set(HostKeyPin.fingerprint(key));
            return false;
        });
        client.start();
        try (ClientSession session = client.connect("sandboxer", address, port).verify(timeout).getSession()) {
            session.waitFor(java.util.EnumSet.of(org.apache.sshd.client.session.ClientSession.ClientSessionEvent.CLOSED),
                    timeout);
        } catch (IOException e) {
            if (seen.get() == null) {
                throw new TransportException("cannot reach " + address + ":" + port + ": " + e.getMessage(), e);
            }
        } finally {
            client.stop();
        }
        if (seen.get() == null) {
            throw new TransportException("the host at " + address + ":" + port + " showed no host key within "
                    + timeout.toSeconds() + " s", null);
        }
        return seen.get();
    }

    /** Fingerprints of the keys a known_hosts file lists for the address and port (hashed entries included). */
    public static List<String> known(Path knownHosts, String address, int port) throws IOException {
        List<String> prints = new ArrayList<>();
        for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(knownHosts)) {
            if (entry.getMarker() != null || !entry.isHostMatch(address, port)) {
                continue;
            }
            try {
                PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                if (key != null) {
                    prints.add(HostKeyPin.fingerprint(key));
                }
            } catch (GeneralSecurityException unreadable) {
                // a key type this client cannot read cannot be the one we pin
            }
        }
        return prints;
    }
}
