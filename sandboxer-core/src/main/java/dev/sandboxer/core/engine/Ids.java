package dev.sandboxer.core.engine;

import java.security.SecureRandom;

/** Short random ids: lower-case base32, safe in labels, container names, paths and URLs. */
final class Ids {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String sandbox() {
        return "sb-" + random(10);
    }

    static String operation() {
        return "op-" + random(12);
    }

    /** A server process, as the other replicas see it in the runners table. */
    static String runner() {
        return "rn-" + random(12);
    }

    static String event() {
        return "ev-" + random(16);
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
