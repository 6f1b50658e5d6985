package dev.sandboxer.core.profile;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "did you mean" for names that are close to a known one: most unknown fields are typos. */
final class Spelling {
    private Spelling() {
    }

    /** {@code " (did you mean 'ttl'?)"}, or empty text when no known name is close. */
    static String suggest(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(k -> k.length() >= 3 && distance(lower, k) <= (k.length() >= 8 ? 2 : 1))
                .min(Comparator.comparingInt(k -> distance(lower, k)))
                .map(k -> " (did you mean " + Quote.of(k) + "?)")
                .orElse("");
    }

    /** Edit distance where swapping two neighbouring letters counts as one edit, the commonest typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
