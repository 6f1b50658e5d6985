package dev.sandboxer.core.store;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The store's tests on SQLite, one file per test. */
class SqliteStoreTest extends JdbcStoreTest {
    @TempDir
    Path dir;

    @Override
    JdbcStore open() {
        return JdbcStore.open("jdbc:sqlite:" + dir.resolve("s.db"), Clock.systemUTC());
    }
}
