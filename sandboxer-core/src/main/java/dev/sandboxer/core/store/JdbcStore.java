package dev.sandboxer.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store on a JDBC database through JDBI, migrated by Flyway. Embedded default: one SQLite file in WAL
 * mode with a busy timeout and immediate write transactions, so several CLI processes can share it safely.
 * On PostgreSQL (several control-plane replicas) every write transaction first takes one transaction-scoped
 * advisory lock, so writes are serialised exactly as SQLite's {@code BEGIN IMMEDIATE} serialises them: the
 * engine's read-check-write transactions (claim a destroy, move a lease, allocate a port) behave the same on
 * both, and a replica that dies mid-transaction releases the lock with its connection.
 */
public final class JdbcStore implements Store {
    /** The advisory lock key that stands for "the store's write lock" on PostgreSQL ("SBXR"). */
    static final long WRITE_LOCK = 0x53425852L;

    private final Jdbi jdbi;
    private final String installationId;
    private final Clock clock;
    private final HikariDataSource pool;
    private final Dialect dialect;

    /** Which database the store is on; the few statements that differ ask it. */
    public enum Dialect {
        SQLITE("sqlite"), POSTGRESQL("postgresql");

        private final String migrations;

        Dialect(String folder) {
            this.migrations = "classpath:db/migration/" + folder;
        }
    }

    private JdbcStore(HikariDataSource pool, Dialect dialect, Clock clock) {
        this.clock = clock;
        this.pool = pool;
        this.dialect = dialect;
        migrate(pool, dialect.migrations);
        this.jdbi = Jdbi.create(pool);
        this.installationId = inWriteTransaction(handle -> {
            var existing = handle.createQuery("select id from installation where singleton = 1")
                    .mapTo(String.class).findOne();
            if (existing.isPresent()) {
                return existing.get();
            }
            String id = "sbx-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
            handle.createUpdate("insert into installation (singleton, id, created_at) values (1, :id, :at)")
                    .bind("id", id).bind("at", clock.millis()).execute();
            return id;
        });
    }

    /** Opens (creating and migrating if needed) the SQLite store in a file. */
    public static JdbcStore sqlite(Path file, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the directory for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return new JdbcStore(pooled(dataSource, "sandboxer-store", 4), Dialect.SQLITE, clock);
    }

    /**
     * Opens (migrating if needed) the store a JDBC URL names: {@code jdbc:sqlite:FILE} or
     * {@code jdbc:postgresql://HOST:PORT/DB?user=…&password=…}.
     */
    public static JdbcStore open(String jdbcUrl, Clock clock) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())), clock);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return postgresql(jdbcUrl, clock);
        }
        throw new StoreException("unsupported store URL '" + redacted(jdbcUrl) + "': use jdbc:sqlite:FILE or "
                + "jdbc:postgresql://HOST:PORT/DATABASE", null);
    }

    /** Opens (migrating if needed) a PostgreSQL store; several control planes may share it. */
    public static JdbcStore postgresql(String jdbcUrl, Clock clock) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        try {
            dataSource.setUrl(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new StoreException("invalid PostgreSQL URL '" + redacted(jdbcUrl) + "'", e);
        }
        dataSource.setConnectTimeout(10);
        dataSource.setApplicationName("sandboxer");
        return new JdbcStore(pooled(dataSource, "sandboxer-store-pg", 8), Dialect.POSTGRESQL, clock);
    }

    /** A URL as it may be shown: without the password parameter. */
    public static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Connections are kept open and reused: opening and closing a SQLite connection per transaction cost
     * ~90 % of a create+destroy (closing the last connection checkpoints the WAL), measured in bench/.
     */
    private static HikariDataSource pooled(DataSource dataSource, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store: " + e.getMessage(), e);
        }
    }

    /**
     * The newest migration this build carries. Flyway scans the classpath on every start (a few hundred
     * milliseconds of a CLI command), so a store already at this version skips it; a test keeps the constant
     * equal to the newest migration file.
     */
    static final int SCHEMA_VERSION = 60;

    private static void migrate(DataSource dataSource, String location) {
        if (currentVersion(dataSource) == SCHEMA_VERSION) {
            return;
        }
        try {
            Flyway.configure().dataSource(dataSource).locations(location).load().migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot migrate the store: " + e.getMessage(), e);
        }
    }

    /** The highest successfully applied migration, or -1 for a new or unreadable store. */
    private static int currentVersion(DataSource dataSource) {
        try (var connection = dataSource.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("select version from flyway_schema_history where success")) {
            int highest = -1;
            while (rows.next()) {
                String version = rows.getString(1);
                if (version != null && version.matches("\\d+")) {
                    highest = Math.max(highest, Integer.parseInt(version));
                }
            }
            return highest;
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    @Override
    public String installationId() {
        return installationId;
    }

    /**
     * Writers of this process queue here, before they take a connection. The database serialises writes
     * anyway (SQLite's one writer, PostgreSQL's advisory lock); without this, every waiting writer would hold
     * a pooled connection while it waits, and a writer that needs a second connection would find the pool
     * empty: a deadlock that ends in "database is locked" after the busy timeout. Fair, so none starves.
     */
    private final java.util.concurrent.locks.ReentrantLock writers = new java.util.concurrent.locks.ReentrantLock(true);
    /** The handle of the transaction this thread is in, so work nested in it joins it instead of waiting on it. */
    private final ThreadLocal<org.jdbi.v3.core.Handle> current = new ThreadLocal<>();

    @Override
    public <T> T write(Function<StoreSession, T> work) {
        org.jdbi.v3.core.Handle outer = current.get();
        if (outer != null) {
            return work.apply(new JdbcSession(outer, clock));
        }
        writers.lock();
        try {
            return inWriteTransaction(handle -> work.apply(new JdbcSession(handle, clock)));
        } finally {
            writers.unlock();
        }
    }

    private <T> T inWriteTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(handle -> {
            if (dialect == Dialect.POSTGRESQL) {
                handle.createQuery("select pg_advisory_xact_lock(:key)").bind("key", WRITE_LOCK)
                        .mapTo(String.class).list();
            }
            current.set(handle);
            try {
                return work.withHandle(handle);
            } finally {
                current.remove();
            }
        });
    }

    @Override
    public <T> T read(Function<StoreSession, T> work) {
        org.jdbi.v3.core.Handle outer = current.get();
        if (outer != null) {
            // A read inside a write sees what the write has done so far, on the write's own connection.
            return work.apply(new JdbcSession(outer, clock));
        }
        return jdbi.withHandle(handle -> work.apply(new JdbcSession(handle, clock)));
    }

    @Override
    public void close() {
        pool.close();
    }
}
