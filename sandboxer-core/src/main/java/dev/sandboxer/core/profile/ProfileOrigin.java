package dev.sandboxer.core.profile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a profile came from and exactly which text it was, so a sandbox's record can say which recipe
 * made it even after the file changes.
 *
 * @param source {@code builtin:NAME.yaml}, or the absolute path of a user file
 * @param sha256 hex SHA-256 of the file's bytes
 */
public record ProfileOrigin(String source, String sha256) {
    public ProfileOrigin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
    }

    public static ProfileOrigin of(String source, byte[] content) {
        try {
            return new ProfileOrigin(source, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
