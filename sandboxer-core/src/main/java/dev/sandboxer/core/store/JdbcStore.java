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
 */
public final class JdbcStore implements Store {
    private final Jdbi jdbi;
    private final String installationId;
    private final Clock clock;
    private final HikariDataSource pool;

    private JdbcStore(HikariDataSource pool, String migrations, Clock clock) {
        this.clock = clock;
        this.pool = pool;
        migrate(pool, migrations);
        this.jdbi = Jdbi.create(pool);
        this.installationId = jdbi.inTransaction(handle -> {
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
        return new JdbcStore(pooled(dataSource, "sandboxer-store"), "classpath:db/migration/sqlite", clock);
    }

    /**
     * Connections are kept open and reused: opening and closing a SQLite connection per transaction cost
     * ~90 % of a create+destroy (closing the last connection checkpoints the WAL), measured in bench/.
     */
    private static HikariDataSource pooled(DataSource dataSource, String name) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setPoolName(name);
        config.setMaximumPoolSize(4);
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
             var rows = statement.executeQuery("select version from flyway_schema_history where success = 1")) {
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

    @Override
    public <T> T write(Function<StoreSession, T> work) {
        return jdbi.inTransaction(handle -> work.apply(new JdbcSession(handle, clock)));
    }

    @Override
    public <T> T read(Function<StoreSession, T> work) {
        return jdbi.withHandle(handle -> work.apply(new JdbcSession(handle, clock)));
    }

    @Override
    public void close() {
        pool.close();
    }
}
