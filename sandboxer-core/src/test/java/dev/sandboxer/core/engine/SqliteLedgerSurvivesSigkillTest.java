package dev.sandboxer.core.engine;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SIGKILL ledger test on a SQLite file. */
class SqliteLedgerSurvivesSigkillTest extends LedgerSurvivesSigkillTest {
    @TempDir
    Path dir;

    @Override
    String createDatabase() {
        return "jdbc:sqlite:" + dir.resolve("kill.db");
    }

    @Override
    void dropDatabase(String url) {
        // the temporary directory goes with the test
    }
}
