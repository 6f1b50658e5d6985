package dev.sandboxer.core.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What registering a host needs beyond a connection: learning the key a host offers and reading the keys a
 * known_hosts file lists. Given by the edge that has an SSH client (the CLI's, which also hands it to the
 * server it runs), since core has none.
 */
public interface HostAccess extends HostConnector {

    /** The SHA-256 fingerprint of the key the host offers, learnt without logging in. */
    String offeredKey(String address, int port);

    /** The fingerprints {@code knownHosts} lists for {@code address:port} (hashed entries included). */
    List<String> knownKeys(Path knownHosts, String address, int port) throws IOException;
}
