package dev.sandboxer.ext.podmancli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names for backend resources, derived from a sandbox id. Names are for people reading {@code podman ps};
 * ownership is always established by labels. An id that is not already a safe name is squeezed into one and
 * given a short hash of the original, so two different ids never share a name.
 */
public final class BackendNames {
    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    private BackendNames() {
    }

    /** Lower-case, {@code [a-z0-9_.-]}: valid for podman containers, volumes, networks and file names. */
    public static String safe(String sandboxId) {
        if (SAFE.matcher(sandboxId).matches()) {
            return sandboxId;
        }
        String squeezed = sandboxId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        if (squeezed.length() > 40) {
            squeezed = squeezed.substring(0, 40);
        }
        if (squeezed.isEmpty() || !Character.isLetterOrDigit(squeezed.charAt(0))) {
            squeezed = "x" + squeezed;
        }
        return squeezed + "-" + shortHash(sandboxId);
    }

    /** podman-compose wants project names of {@code [a-z0-9_-]}. */
    public static String composeProject(String sandboxId) {
        return "sbx_" + safe(sandboxId).replace('.', '_');
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
