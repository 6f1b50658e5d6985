package dev.sandboxer.core.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests use: {@code SANDBOXER_TEST_PG_URL} (scripts/postgres.sh starts one and prints it).
 * Each test gets a fresh database of its own. Without the variable a developer's run skips these tests with a
 * clear message, but CI ({@code CI=true}) fails them: a green CI must have run them.
 */
public final class PostgresForTests {
    public static final String URL_VARIABLE = "SANDBOXER_TEST_PG_URL";

    private PostgresForTests() {
    }

    /** The server's URL, or skips (developer) / fails (CI) the calling test. */
    public static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = URL_VARIABLE + " is not set; run: export " + URL_VARIABLE
                    + "=\"$(scripts/postgres.sh)\"";
            if ("true".equals(String.valueOf(System.getenv("CI")).toLowerCase(Locale.ROOT))) {
                fail("PostgreSQL tests must run in CI: " + message);
            }
            Assumptions.abort("no PostgreSQL: " + message);
        }
        return url;
    }

    /** Creates an empty database and returns its URL. */
    public static String createDatabase() {
        String server = serverUrl();
        String name = "sbxt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(server, "create database " + name);
        return withDatabase(server, name);
    }

    /**
     * Drops a database made by {@link #createDatabase}, closing whatever still holds it. {@code with (force)}
     * run by a role that is not a superuser cannot end an autovacuum worker (it has no role: "must be a member
     * of the role whose process is being terminated"), and a test that wrote a lot may have just started one;
     * the worker is gone within moments, so that refusal (and "being accessed by other users") is retried.
     */
    public static void dropDatabase(String url) {
        String sql = "drop database if exists " + databaseOf(url) + " with (force)";
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                execute(serverUrl(), sql);
                return;
            } catch (IllegalStateException e) {
                String state = e.getCause() instanceof SQLException cause ? cause.getSQLState() : null;
                boolean passing = "42501".equals(state) || "55006".equals(state);
                if (!passing || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dropping " + databaseOf(url), e);
            }
        }
    }

    private static void execute(String url, String sql) {
        try (var connection = DriverManager.getConnection(url);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + JdbcStore.redacted(url) + ": " + e.getMessage(), e);
        }
    }

    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?');
        String tail = query < 0 ? "" : url.substring(query);
        return url.substring(0, slash < 0 ? (query < 0 ? url.length() : query) : slash) + "/" + database + tail;
    }

    static String databaseOf(String url) {
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?');
        return url.substring(slash + 1, query < 0 ? url.length() : query);
    }
}
