package dev.sandboxer.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxer.core.error.SandboxerException;
import dev.sandboxer.core.store.JdbcStore;
import dev.sandboxer.spi.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider keys are sealed at rest, open only with their key-encryption key, and survive rotation.
 * {@link SqliteProviderKeysTest} and {@link PostgresProviderKeysTest} run these on each store.
 */
abstract class ProviderKeysTest {
    private static final String PLAIN = "sk-live-0123456789-secret";
    private static final byte[] K1 = filled(1);
    private static final byte[] K2 = filled(2);

    /** This test's scratch directory (the SQLite file lives here too). */
    @TempDir
    Path dir;
    private String db;

    /** Makes this test's empty database and returns its JDBC URL. */
    abstract String createDatabase();

    /** Removes the database once every store on it is closed. */
    abstract void dropDatabase(String url);

    /** Fails if {@code plain} is anywhere in what the database keeps (its files, or every row of every table). */
    abstract void assertNothingAtRestContains(String url, String plain) throws Exception;

    @BeforeEach
    void database() {
        db = createDatabase();
    }

    @AfterEach
    void drop() {
        if (db != null) {
            dropDatabase(db);
        }
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    @Test
    void aKeyIsSealedAtRestAndOpensOnlyAtTheProvisionBoundary() throws Exception {
        try (JdbcStore store = JdbcStore.open(db, Clock.systemUTC())) {
            ProviderKeys keys = new Billing(store, BillingSettings.defaults().withKey("k1", K1), Clock.systemUTC())
                    .keys();
            var info = keys.put("p1", "e2b", new Secret(PLAIN));
            assertThat(info.toString()).doesNotContain(PLAIN);
            assertThat(keys.list("p1")).extracting(ProviderKeys.KeyInfo::extension).containsExactly("e2b");
            assertThat(keys.open("p1", "e2b").orElseThrow().reveal()).isEqualTo(PLAIN);
            String sealed = store.read(s -> s.books().key("p1", "e2b")).orElseThrow().ciphertext();
            assertThat(sealed).doesNotContain(PLAIN);
            assertThat(new String(Base64.getDecoder().decode(sealed), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(PLAIN);
        }
        assertNothingAtRestContains(db, PLAIN);
    }

    @Test
    void rotationReSealsUnderTheNewKeyAndTheOldOneCanThenGo() {
        try (JdbcStore store = JdbcStore.open(db, Clock.systemUTC())) {
            new Billing(store, BillingSettings.defaults().withKey("k1", K1), Clock.systemUTC()).keys()
                    .put("p1", "e2b", new Secret(PLAIN));
            ProviderKeys both = new Billing(store, BillingSettings.defaults().withKey("k1", K1).withKey("k2", K2),
                    Clock.systemUTC()).keys();
            assertThat(both.rotate()).isEqualTo(1);
            assertThat(both.list("p1").getFirst().sealedWith()).isEqualTo("k2");
            ProviderKeys onlyNew = new Billing(store, BillingSettings.defaults().withKey("k2", K2),
                    Clock.systemUTC()).keys();
            assertThat(onlyNew.open("p1", "e2b").orElseThrow().reveal()).isEqualTo(PLAIN);
        }
    }

    @Test
    void aWrongKeyOrAMovedCiphertextDoesNotOpenAndTheErrorCarriesNoSecret() {
        String sealed = ProviderKeys.seal(K1, "p1/e2b".getBytes(), PLAIN);
        assertThatThrownBy(() -> ProviderKeys.open(K2, "p1/e2b".getBytes(), sealed))
                .isInstanceOf(SandboxerException.Invalid.class).message().doesNotContain(PLAIN);
        assertThatThrownBy(() -> ProviderKeys.open(K1, "p2/e2b".getBytes(), sealed))
                .isInstanceOf(SandboxerException.Invalid.class);
        assertThat(ProviderKeys.open(K1, "p1/e2b".getBytes(), sealed)).isEqualTo(PLAIN);
    }

    @Test
    void aKeyEncryptionKeyIdTheStoreCannotRecordIsRefusedWhenTheSettingsAreRead() {
        // provider_keys.kek_id is varchar(64): SQLite would keep a longer id, PostgreSQL refuses it at put time.
        String tooLong = "k".repeat(65);
        String key = Base64.getEncoder().encodeToString(K1);
        assertThatThrownBy(() -> BillingSettings.load(dir.resolve("absent.properties"),
                Map.of("SANDBOXER_KEY_ENCRYPTION_KEY", key, "SANDBOXER_KEY_ENCRYPTION_KEY_ID", tooLong)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
        assertThatThrownBy(() -> BillingSettings.load(dir.resolve("absent.properties"),
                Map.of("SANDBOXER_KEY_ENCRYPTION_KEYS_OLD", tooLong + ":" + key)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
        String longest = "k".repeat(64);
        try (JdbcStore store = JdbcStore.open(db, Clock.systemUTC())) {
            ProviderKeys keys = new Billing(store, BillingSettings.load(dir.resolve("absent.properties"),
                    Map.of("SANDBOXER_KEY_ENCRYPTION_KEY", key, "SANDBOXER_KEY_ENCRYPTION_KEY_ID", longest)),
                    Clock.systemUTC()).keys();
            keys.put("p1", "e2b", new Secret(PLAIN));
            assertThat(keys.list("p1").getFirst().sealedWith()).isEqualTo(longest);
            assertThat(keys.open("p1", "e2b").orElseThrow().reveal()).isEqualTo(PLAIN);
        }
    }

    @Test
    void withoutAKeyEncryptionKeyRegisteringIsRefusedPlainly() {
        try (JdbcStore store = JdbcStore.open(db, Clock.systemUTC())) {
            ProviderKeys keys = new Billing(store, BillingSettings.load(dir.resolve("absent.properties"), Map.of()),
                    Clock.systemUTC()).keys();
            assertThatThrownBy(() -> keys.put("p1", "e2b", new Secret(PLAIN)))
                    .isInstanceOf(SandboxerException.Invalid.class).hasMessageContaining("key-encryption key");
        }
    }
}
