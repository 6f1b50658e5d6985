package dev.sandboxer.core.engine;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Billing on SQLite, one file per test. */
class SqliteBillingTest extends BillingTest {
    @TempDir
    Path dir;

    @Override
    String createDatabase() {
        return "jdbc:sqlite:" + dir.resolve("billing.db");
    }

    @Override
    void dropDatabase(String url) {
        // the temporary directory goes with the test
    }
}
