package dev.sandboxer.core.engine;

import dev.sandboxer.core.store.PostgresForTests;

/** Billing on a real PostgreSQL ({@link PostgresForTests}), one database per test. */
class PostgresBillingTest extends BillingTest {
    @Override
    String createDatabase() {
        return PostgresForTests.createDatabase();
    }

    @Override
    void dropDatabase(String url) {
        PostgresForTests.dropDatabase(url);
    }
}
