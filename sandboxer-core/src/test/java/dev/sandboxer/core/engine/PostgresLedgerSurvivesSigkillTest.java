package dev.sandboxer.core.engine;

import dev.sandboxer.core.store.PostgresForTests;

/**
 * The SIGKILL ledger test on a real PostgreSQL ({@link PostgresForTests}): the killed child's connection dies
 * with it, so the server rolls back its open transaction and frees the write lock it held.
 */
class PostgresLedgerSurvivesSigkillTest extends LedgerSurvivesSigkillTest {
    @Override
    String createDatabase() {
        return PostgresForTests.createDatabase();
    }

    @Override
    void dropDatabase(String url) {
        PostgresForTests.dropDatabase(url);
    }
}
