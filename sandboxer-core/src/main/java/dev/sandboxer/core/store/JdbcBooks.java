package dev.sandboxer.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The money tables' SQL (V40__ledger.sql), in the transaction of the session that made it. */
final class JdbcBooks implements Books {
    private final Handle handle;

    JdbcBooks(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void post(List<Entry> rows) {
        if (rows.size() < 2 || rows.stream().mapToLong(Entry::amount).sum() != 0) {
            throw new IllegalArgumentException("a ledger transaction needs two or more rows summing to zero");
        }
        for (Entry e : rows) {
            handle.createUpdate("""
                    insert into ledger_entries (txn_id, project, account, amount, kind, sandbox_id, operation_id,
                        sheet_version, memo, created_at)
                    values (:txn, :project, :account, :amount, :kind, :sandbox, :operation, :sheet, :memo, :at)
                    """)
                    .bind("txn", e.txnId()).bind("project", e.project()).bind("account", e.account())
                    .bind("amount", e.amount()).bind("kind", e.kind()).bind("sandbox", e.sandboxId().orElse(null))
                    .bind("operation", e.operationId().orElse(null)).bind("sheet", e.sheetVersion().orElse(null))
                    .bind("memo", e.memo()).bind("at", e.createdAt().toEpochMilli())
                    .execute();
        }
    }

    @Override
    public List<Entry> entries(String project, Instant from, Instant to) {
        return handle.createQuery("""
                select * from ledger_entries where project = :project and created_at >= :from and created_at < :to
                order by seq
                """)
                .bind("project", project).bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                .map((rs, ctx) -> entry(rs)).list();
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("seq"), rs.getString("txn_id"), rs.getString("project"), rs.getString("account"),
                rs.getLong("amount"), rs.getString("kind"), Optional.ofNullable(rs.getString("sandbox_id")),
                Optional.ofNullable(rs.getString("operation_id")), Optional.ofNullable(rs.getString("sheet_version")),
                rs.getString("memo"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    @Override
    public long balance(String project, String account) {
        return handle.createQuery("select coalesce(sum(amount), 0) from ledger_entries where project = :p and "
                        + "account = :a")
                .bind("p", project).bind("a", account).mapTo(Long.class).one();
    }

    @Override
    public boolean hasAccount(String project) {
        // Charges alone do not open an account: a project that was never granted or adjusted stays unbudgeted.
        // One indexed probe (project, account), however many charges the project has.
        return handle.createQuery("select 1 from ledger_entries where project = :p and account in ('granted', "
                        + "'adjusted') limit 1")
                .bind("p", project).mapTo(Integer.class).findOne().isPresent();
    }

    @Override
    public long outstanding(String project) {
        return handle.createQuery("""
                select coalesce(sum(case when reserved > charged then reserved - charged else 0 end), 0)
                from meters where closed_at is null and project = :p
                """).bind("p", project).mapTo(Long.class).one();
    }

    @Override
    public void insertMeter(Meter m) {
        handle.createUpdate("""
                insert into meters (sandbox_id, project, extension_id, sheet, sheet_version, own_key, reserved,
                    charged, metered_until, closed_at)
                values (:id, :project, :ext, :sheet, :version, :own, :reserved, :charged, :until, :closed)
                """)
                .bind("id", m.sandboxId()).bind("project", m.project()).bind("ext", m.extensionId())
                .bind("sheet", m.sheetJson()).bind("version", m.sheetVersion()).bind("own", m.ownKey() ? 1 : 0)
                .bind("reserved", m.reserved()).bind("charged", m.charged())
                .bind("until", m.meteredUntil().toEpochMilli())
                .bind("closed", m.closedAt().map(Instant::toEpochMilli).orElse(null))
                .execute();
    }

    @Override
    public Optional<Meter> meter(String sandboxId) {
        return handle.createQuery("select * from meters where sandbox_id = :id").bind("id", sandboxId)
                .map((rs, ctx) -> meter(rs)).findOne();
    }

    @Override
    public List<Meter> openMeters() {
        return handle.createQuery("select * from meters where closed_at is null order by metered_until, sandbox_id")
                .map((rs, ctx) -> meter(rs)).list();
    }

    @Override
    public List<Meter> meters(String project) {
        return handle.createQuery("select * from meters where project = :p order by sandbox_id").bind("p", project)
                .map((rs, ctx) -> meter(rs)).list();
    }

    private static Meter meter(ResultSet rs) throws SQLException {
        long closed = rs.getLong("closed_at");
        Optional<Instant> closedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(closed));
        return new Meter(rs.getString("sandbox_id"), rs.getString("project"), rs.getString("extension_id"),
                rs.getString("sheet"), rs.getString("sheet_version"), rs.getInt("own_key") == 1,
                rs.getLong("reserved"), rs.getLong("charged"), Instant.ofEpochMilli(rs.getLong("metered_until")),
                closedAt);
    }

    @Override
    public boolean updateMeter(Meter m, long chargedAsRead) {
        return handle.createUpdate("""
                update meters set reserved = :reserved, charged = :charged, metered_until = :until,
                    closed_at = :closed
                where sandbox_id = :id and charged = :asRead and closed_at is null
                """)
                .bind("reserved", m.reserved()).bind("charged", m.charged())
                .bind("until", m.meteredUntil().toEpochMilli())
                .bind("closed", m.closedAt().map(Instant::toEpochMilli).orElse(null))
                .bind("id", m.sandboxId()).bind("asRead", chargedAsRead)
                .execute() == 1;
    }

    @Override
    public void putKey(SealedKey k) {
        handle.createUpdate("delete from provider_keys where project = :p and extension_id = :e")
                .bind("p", k.project()).bind("e", k.extensionId()).execute();
        handle.createUpdate("""
                insert into provider_keys (project, extension_id, kek_id, ciphertext, created_at)
                values (:p, :e, :kek, :c, :at)
                """)
                .bind("p", k.project()).bind("e", k.extensionId()).bind("kek", k.kekId()).bind("c", k.ciphertext())
                .bind("at", k.createdAt().toEpochMilli()).execute();
    }

    @Override
    public Optional<SealedKey> key(String project, String extensionId) {
        return handle.createQuery("select * from provider_keys where project = :p and extension_id = :e")
                .bind("p", project).bind("e", extensionId).map((rs, ctx) -> sealed(rs)).findOne();
    }

    @Override
    public List<SealedKey> keys(String project) {
        return handle.createQuery("select * from provider_keys where project = :p order by extension_id")
                .bind("p", project).map((rs, ctx) -> sealed(rs)).list();
    }

    @Override
    public List<SealedKey> allKeys() {
        return handle.createQuery("select * from provider_keys order by project, extension_id")
                .map((rs, ctx) -> sealed(rs)).list();
    }

    private static SealedKey sealed(ResultSet rs) throws SQLException {
        return new SealedKey(rs.getString("project"), rs.getString("extension_id"), rs.getString("kek_id"),
                rs.getString("ciphertext"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    @Override
    public boolean deleteKey(String project, String extensionId) {
        return handle.createUpdate("delete from provider_keys where project = :p and extension_id = :e")
                .bind("p", project).bind("e", extensionId).execute() == 1;
    }
}
