package dev.sandboxer.core.store;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store's tests on a real PostgreSQL ({@link PostgresForTests}), one database per test. */
class PostgresStoreTest extends JdbcStoreTest {
    private String url;

    @BeforeEach
    void createDatabase() {
        url = PostgresForTests.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        if (url != null) {
            PostgresForTests.dropDatabase(url);
        }
    }

    @Override
    JdbcStore open() {
        return JdbcStore.open(url, Clock.systemUTC());
    }
}
