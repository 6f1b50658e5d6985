package dev.sandboxer.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the PostgreSQL that {@code SANDBOXER_TEST_PG_URL} names (scripts/postgres.sh starts one;
 * test.sh exports it). Without it a developer's run skips, CI ({@code CI=true}) fails. The same rule as the
 * core module's PostgresForTests, which this module cannot see.
 */
final class PostgresDatabase implements AutoCloseable {
    static final String URL_VARIABLE = "SANDBOXER_TEST_PG_URL";

    final String url;
    private final String server;
    private final String name;

    private PostgresDatabase(String server, String name, String url) {
        this.server = server;
        this.name = name;
        this.url = url;
    }

    static PostgresDatabase create() {
        String server = System.getenv(URL_VARIABLE);
        if (server == null || server.isBlank()) {
            String message = URL_VARIABLE + " is not set; run: export " + URL_VARIABLE + "=\"$(scripts/postgres.sh)\"";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("PostgreSQL tests must run in CI: " + message);
            }
            Assumptions.abort("no PostgreSQL: " + message);
        }
        String name = "sbxt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(server, "create database " + name);
        int hostStart = server.indexOf("//") + 2;
        int slash = server.indexOf('/', hostStart);
        int query = server.indexOf('?');
        String url = server.substring(0, slash) + "/" + name + (query < 0 ? "" : server.substring(query));
        return new PostgresDatabase(server, name, url);
    }

    private static void execute(String url, String sql) {
        try (var connection = DriverManager.getConnection(url);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute(server, "drop database if exists " + name + " with (force)");
    }
}
