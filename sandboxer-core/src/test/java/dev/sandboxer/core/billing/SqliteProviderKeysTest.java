package dev.sandboxer.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Provider keys on SQLite, one file per test. */
class SqliteProviderKeysTest extends ProviderKeysTest {
    @Override
    String createDatabase() {
        return "jdbc:sqlite:" + dir.resolve("keys.db");
    }

    @Override
    void dropDatabase(String url) {
        // the temporary directory goes with the test
    }

    /** Every file the database left (the file, its WAL and shared memory), byte for byte. */
    @Override
    void assertNothingAtRestContains(String url, String plain) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(plain);
            }
        }
    }
}
