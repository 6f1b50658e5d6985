package dev.sandboxer.core.outbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a sink checks: {@code X-Sandboxer-Signature: t=<unix seconds>,sha256=<hex>} where the HMAC-SHA256
 * is over {@code "<t>." + body}. Binding the time in lets a sink refuse replays of old deliveries.
 */
public final class Signature {
    public static final String HEADER = "X-Sandboxer-Signature";

    private Signature() {
    }

    public static String header(byte[] secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",sha256=" + hmac(secret, unixSeconds + "." + body);
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(byte[] secret, String header, String body) {
        String[] parts = header.split(",", 2);
        if (parts.length != 2 || !parts[0].startsWith("t=") || !parts[1].startsWith("sha256=")) {
            return false;
        }
        String expected = hmac(secret, parts[0].substring(2) + "." + body);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts[1].substring(7).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
