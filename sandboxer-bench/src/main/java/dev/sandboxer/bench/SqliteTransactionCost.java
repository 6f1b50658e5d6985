package dev.sandboxer.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * What one small write transaction costs on this disk with the store's SQLite settings, three ways: a new
 * connection per transaction with no other open (what JdbcStore does: closing the last connection to a WAL
 * database checkpoints and deletes the WAL, with fsyncs), the same while another connection holds the
 * database open, and one connection kept for every transaction (what a pool would give).
 */
final class SqliteTransactionCost {
    private static final int TRANSACTIONS = 300;

    private SqliteTransactionCost() {
    }

    static ObjectNode measure(Path dir) throws SQLException, java.io.IOException {
        Files.createDirectories(dir);
        SQLiteDataSource source = source(dir.resolve("transactions.db"));
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists t (id integer primary key, v text)");
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("connection per transaction, none other open (ms/tx)", Samples.round(perConnection(source)));
        try (Connection held = source.getConnection(); Statement s = held.createStatement()) {
            // A connection only holds the WAL once it has read something.
            s.executeQuery("select count(*) from t").close();
            node.put("connection per transaction, another held open (ms/tx)", Samples.round(perConnection(source)));
        }
        try (Connection one = source.getConnection()) {
            one.setAutoCommit(false);
            long start = System.nanoTime();
            for (int i = 0; i < TRANSACTIONS; i++) {
                try (Statement s = one.createStatement()) {
                    s.execute("insert into t (v) values ('x')");
                }
                one.commit();
            }
            node.put("one connection for every transaction (ms/tx)",
                    Samples.round((System.nanoTime() - start) / 1e6 / TRANSACTIONS));
        }
        return node;
    }

    private static double perConnection(SQLiteDataSource source) throws SQLException {
        long start = System.nanoTime();
        for (int i = 0; i < TRANSACTIONS; i++) {
            try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("insert into t (v) values ('x')");
                c.commit();
            }
        }
        return (System.nanoTime() - start) / 1e6 / TRANSACTIONS;
    }

    /** The settings of JdbcStore.sqlite, copied: WAL, synchronous NORMAL, busy timeout, immediate, foreign keys. */
    private static SQLiteDataSource source(Path database) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + database.toAbsolutePath());
        return source;
    }
}
