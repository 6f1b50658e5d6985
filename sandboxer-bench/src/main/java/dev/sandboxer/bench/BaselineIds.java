package dev.sandboxer.bench;

import java.util.concurrent.ThreadLocalRandom;

/** Ids for baseline containers, shaped like sandbox ids (same length in names and labels, so same argv size). */
final class BaselineIds {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private BaselineIds() {
    }

    static String next() {
        char[] out = new char[10];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[ThreadLocalRandom.current().nextInt(ALPHABET.length)];
        }
        return "bl-" + new String(out);
    }
}
