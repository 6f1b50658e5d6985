package dev.sandboxer.server;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes the verbs that move a sandbox's expiry or end it (extend, destroy) per sandbox within this
 * server. The engine checks state when an extend begins but not when it records its end, so an extend
 * racing a destroy could otherwise be recorded after the sandbox was destroyed. Striped, so memory stays
 * fixed however many sandboxes there are; two sandboxes sharing a stripe only wait for each other briefly.
 */
final class SandboxLocks {
    private static final int STRIPES = 64;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    SandboxLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    <T> T holding(String sandboxId, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(sandboxId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
