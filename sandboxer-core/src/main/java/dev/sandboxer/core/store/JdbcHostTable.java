package dev.sandboxer.core.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sandboxer.core.model.Host;
import dev.sandboxer.core.model.HostSample;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** SQL for {@link HostTable}. */
final class JdbcHostTable implements HostTable {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final Handle handle;

    JdbcHostTable(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean insert(Host h) {
        if (find(h.name()).isPresent()) {
            return false;
        }
        handle.createUpdate("""
                insert into hosts (name, address, port, ssh_user, key_file, host_key_fingerprint, work_root, cpu_millis,
                    memory_mb, max_sandboxes, labels, state, added_at)
                values (:name, :address, :port, :user, :keyFile, :fingerprint, :workRoot, :cpu, :memory, :max, :labels,
                    :state, :addedAt)
                """)
                .bind("name", h.name()).bind("address", h.address()).bind("port", h.port()).bind("user", h.user())
                .bind("keyFile", h.keyFile()).bind("fingerprint", h.hostKeyFingerprint()).bind("workRoot", h.workRoot())
                .bind("cpu", h.capacity().cpuMillis()).bind("memory", h.capacity().memoryMb())
                .bind("max", h.capacity().sandboxes()).bind("labels", Json.write(h.labels()))
                .bind("state", h.state().name()).bind("addedAt", h.addedAt().toEpochMilli())
                .execute();
        return true;
    }

    @Override
    public Optional<Host> find(String name) {
        return handle.createQuery("select * from hosts where name = :name").bind("name", name)
                .map((rs, ctx) -> host(rs)).findOne();
    }

    @Override
    public List<Host> all() {
        return handle.createQuery("select * from hosts order by name").map((rs, ctx) -> host(rs)).list();
    }

    private static Host host(ResultSet rs) throws SQLException {
        return new Host(rs.getString("name"), rs.getString("address"), rs.getInt("port"), rs.getString("ssh_user"),
                rs.getString("key_file"), rs.getString("host_key_fingerprint"), rs.getString("work_root"),
                new Host.Capacity(rs.getLong("cpu_millis"), rs.getLong("memory_mb"), rs.getInt("max_sandboxes")),
                Json.read(rs.getString("labels"), STRING_MAP), Host.State.valueOf(rs.getString("state")),
                Instant.ofEpochMilli(rs.getLong("added_at")));
    }

    @Override
    public void updateState(String name, Host.State state) {
        handle.createUpdate("update hosts set state = :state where name = :name")
                .bind("state", state.name()).bind("name", name).execute();
    }

    @Override
    public void delete(String name) {
        handle.createUpdate("delete from host_samples where host_name = :name").bind("name", name).execute();
        handle.createUpdate("delete from hosts where name = :name").bind("name", name).execute();
    }

    @Override
    public Host.Capacity reserved(String name) {
        return handle.createQuery("""
                select coalesce(sum(cpu_millis), 0) as cpu, coalesce(sum(memory_mb), 0) as memory, count(*) as n
                from host_reservations where host_name = :name
                """).bind("name", name)
                .map((rs, ctx) -> new Host.Capacity(rs.getLong("cpu"), rs.getLong("memory"), rs.getInt("n"))).one();
    }

    @Override
    public List<String> reservations(String name) {
        return handle.createQuery("select sandbox_id from host_reservations where host_name = :name order by sandbox_id")
                .bind("name", name).mapTo(String.class).list();
    }

    @Override
    public Optional<String> hostOf(String sandboxId) {
        return handle.createQuery("select host_name from host_reservations where sandbox_id = :id")
                .bind("id", sandboxId).mapTo(String.class).findOne();
    }

    @Override
    public void reserve(String sandboxId, String host, Host.Capacity demand) {
        handle.createUpdate("""
                insert into host_reservations (sandbox_id, host_name, cpu_millis, memory_mb, reserved_at)
                values (:id, :host, :cpu, :memory, :at)
                """).bind("id", sandboxId).bind("host", host).bind("cpu", demand.cpuMillis())
                .bind("memory", demand.memoryMb()).bind("at", System.currentTimeMillis()).execute();
    }

    @Override
    public boolean release(String sandboxId) {
        return handle.createUpdate("delete from host_reservations where sandbox_id = :id")
                .bind("id", sandboxId).execute() > 0;
    }

    @Override
    public void appendSample(HostSample s, int keep) {
        // A later read at the same instant (a coarse or fixed clock) replaces the earlier one.
        handle.createUpdate("delete from host_samples where host_name = :host and at = :at")
                .bind("host", s.host()).bind("at", s.at().toEpochMilli()).execute();
        handle.createUpdate("""
                insert into host_samples (host_name, at, reachable, load1, memory_total_mb, memory_free_mb,
                    disk_used_percent, containers, error)
                values (:host, :at, :reachable, :load1, :memTotal, :memFree, :disk, :containers, :error)
                """)
                .bind("host", s.host()).bind("at", s.at().toEpochMilli()).bind("reachable", s.reachable() ? 1 : 0)
                .bind("load1", s.load1().isPresent() ? s.load1().getAsDouble() : null)
                .bind("memTotal", s.memoryTotalMb().isPresent() ? s.memoryTotalMb().getAsLong() : null)
                .bind("memFree", s.memoryFreeMb().isPresent() ? s.memoryFreeMb().getAsLong() : null)
                .bind("disk", s.diskUsedPercent().isPresent() ? s.diskUsedPercent().getAsInt() : null)
                .bind("containers", s.containers().isPresent() ? s.containers().getAsInt() : null)
                .bind("error", s.error().orElse(null)).execute();
        handle.createUpdate("""
                delete from host_samples where host_name = :host and at not in
                    (select at from host_samples where host_name = :host order by at desc limit :keep)
                """).bind("host", s.host()).bind("keep", keep).execute();
    }

    @Override
    public List<HostSample> samples(String name, int limit) {
        return handle.createQuery("select * from host_samples where host_name = :name order by at desc limit :limit")
                .bind("name", name).bind("limit", limit).map((rs, ctx) -> new HostSample(rs.getString("host_name"),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getInt("reachable") == 1,
                        rs.getObject("load1") == null ? OptionalDouble.empty() : OptionalDouble.of(rs.getDouble("load1")),
                        optionalLong(rs, "memory_total_mb"), optionalLong(rs, "memory_free_mb"),
                        optionalInt(rs, "disk_used_percent"), optionalInt(rs, "containers"),
                        Optional.ofNullable(rs.getString("error")))).list();
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
