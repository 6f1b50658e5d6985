package dev.sandboxer.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxer.core.store.PostgresForTests;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/** Provider keys on a real PostgreSQL ({@link PostgresForTests}), one database per test. */
class PostgresProviderKeysTest extends ProviderKeysTest {
    @Override
    String createDatabase() {
        return PostgresForTests.createDatabase();
    }

    @Override
    void dropDatabase(String url) {
        PostgresForTests.dropDatabase(url);
    }

    /** Every row of every table of the test's database, as text (the server's files are not ours to read). */
    @Override
    void assertNothingAtRestContains(String url, String plain) throws Exception {
        try (var connection = DriverManager.getConnection(url)) {
            List<String> tables = new ArrayList<>();
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("select table_name from information_schema.tables "
                         + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("provider_keys", "ledger_entries", "sandboxes");
            for (String table : tables) {
                try (var statement = connection.createStatement();
                     var rows = statement.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (rows.next()) {
                        assertThat(rows.getString(1)).as(table).doesNotContain(plain);
                    }
                }
            }
        }
    }
}
