package dev.sandboxer.core.model;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * User labels on sandboxes: they are copied onto backend resources, so they must be valid there and must
 * not pose as sand-boxer's own ownership labels.
 */
public final class Labels {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]{0,98}[A-Za-z0-9])?");
    private static final int MAX_VALUE = 255;
    private static final String RESERVED = "dev.sandboxer.";

    private Labels() {
    }

    /** @throws IllegalArgumentException naming the bad label and the rule */
    public static Map<String, String> require(Map<String, String> labels) {
        labels.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("label key '" + key + "' must be 1-100 of letters, digits, "
                        + "'.', '_', '/', '-', starting and ending with a letter or digit");
            }
            if (key.startsWith(RESERVED)) {
                throw new IllegalArgumentException("label key '" + key + "' uses the reserved prefix " + RESERVED);
            }
            if (value.length() > MAX_VALUE || value.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("label '" + key + "' must have a value of at most " + MAX_VALUE
                        + " characters without control characters");
            }
        });
        return labels;
    }
}
