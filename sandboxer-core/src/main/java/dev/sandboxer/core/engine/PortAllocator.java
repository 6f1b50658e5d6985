package dev.sandboxer.core.engine;

import dev.sandboxer.core.error.SandboxerException;

import dev.sandboxer.core.store.StoreSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks host ports for published endpoints. A port is given only if no live sandbox has claimed it in the
 * store (claims are unique, so two processes can't both win) and it can be bound on the host address now
 * (so ports used by something else on the machine are skipped).
 */
final class PortAllocator {
    static final int FIRST = 20000;
    static final int LAST = 29999;
    private static final int ATTEMPTS = 200;

    private PortAllocator() {
    }

    static List<Integer> claim(StoreSession session, String host, String hostIp, String sandboxId, int count) {
        Set<Integer> claimed = session.claimedPorts(host);
        List<Integer> ports = new ArrayList<>();
        int attempts = 0;
        while (ports.size() < count) {
            if (++attempts > ATTEMPTS) {
                throw new SandboxerException.Unavailable("no free host port in " + FIRST + "-" + LAST + " on " + host,
                        "destroy sandboxes you no longer need");
            }
            int port = FIRST + ThreadLocalRandom.current().nextInt(LAST - FIRST + 1);
            if (claimed.contains(port) || ports.contains(port) || !bindable(hostIp, port)) {
                continue;
            }
            if (session.claimPort(host, port, sandboxId)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static boolean bindable(String hostIp, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(hostIp), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
