package dev.sandboxer.core.billing;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.store.Books;
import dev.sandboxer.core.store.Store;
import dev.sandboxer.spi.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Provider keys a project brings for a hosted extension (BYOK). Sealed with AES-256-GCM under the operator's
 * key-encryption key before they reach the store (the project and extension are the associated data, so a
 * ciphertext moved to another row does not open); no read returns one except {@link #open}, which the
 * provision boundary alone calls. Rotation re-seals every key under the current key-encryption key.
 */
public final class ProviderKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** What may be shown about a stored key: never the key. */
    public record KeyInfo(String project, String extension, String sealedWith, Instant createdAt) {
    }

    private final Store store;
    private final BillingSettings settings;
    private final Clock clock;

    ProviderKeys(Store store, BillingSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public KeyInfo put(String project, String extension, Secret key) {
        Ledger.requireProject(project);
        String kekId = currentKeyId();
        Books.SealedKey sealed = new Books.SealedKey(project, extension, kekId,
                seal(settings.keys().get(kekId), aad(project, extension), key.reveal()), clock.instant());
        store.write(s -> {
            s.books().putKey(sealed);
            return null;
        });
        return info(sealed);
    }

    public List<KeyInfo> list(String project) {
        Ledger.requireProject(project);
        return store.read(s -> s.books().keys(project)).stream().map(ProviderKeys::info).toList();
    }

    public boolean remove(String project, String extension) {
        return store.write(s -> s.books().deleteKey(project, extension));
    }

    /** The provision boundary's read: the project's key for an extension, if it registered one. */
    public Optional<Secret> open(String project, String extension) {
        return store.read(s -> s.books().key(project, extension)).map(k -> new Secret(unseal(k)));
    }

    /** Re-seals every key under the current key-encryption key; returns how many changed. */
    public int rotate() {
        String kekId = currentKeyId();
        return store.write(s -> {
            int changed = 0;
            for (Books.SealedKey k : s.books().allKeys()) {
                if (k.kekId().equals(kekId)) {
                    continue;
                }
                String plain = unseal(k);
                s.books().putKey(new Books.SealedKey(k.project(), k.extensionId(), kekId,
                        seal(settings.keys().get(kekId), aad(k.project(), k.extensionId()), plain), k.createdAt()));
                changed++;
            }
            return changed;
        });
    }

    private String currentKeyId() {
        return settings.currentKey().orElseThrow(() -> new SandboxerException.Invalid("no-encryption-key",
                "provider keys need a key-encryption key, and none is configured",
                "set SANDBOXER_KEY_ENCRYPTION_KEY to base64 of 32 random bytes (openssl rand -base64 32)"));
    }

    private String unseal(Books.SealedKey k) {
        byte[] kek = settings.keys().get(k.kekId());
        if (kek == null) {
            throw new SandboxerException.Invalid("no-encryption-key", "the provider key of project " + k.project()
                    + " for " + k.extensionId() + " is sealed with key-encryption key '" + k.kekId()
                    + "', which is not configured", "add it to SANDBOXER_KEY_ENCRYPTION_KEYS_OLD, then rotate");
        }
        return open(kek, aad(k.project(), k.extensionId()), k.ciphertext());
    }

    private static KeyInfo info(Books.SealedKey k) {
        return new KeyInfo(k.project(), k.extensionId(), k.kekId(), k.createdAt());
    }

    private static byte[] aad(String project, String extension) {
        return (project + "/" + extension).getBytes(StandardCharsets.UTF_8);
    }

    static String seal(byte[] kek, byte[] aad, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Errors never carry the plaintext or the key. */
    static String open(byte[] kek, byte[] aad, String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
                    new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SandboxerException.Invalid("provider-key-unreadable", "a stored provider key does not open "
                    + "with its key-encryption key (wrong key, or the row was altered)", "register the key again");
        }
    }
}
