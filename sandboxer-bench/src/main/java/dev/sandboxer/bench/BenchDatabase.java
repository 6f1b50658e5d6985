package dev.sandboxer.bench;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** A fresh database of its own on the benchmark's PostgreSQL server, dropped afterwards. */
final class BenchDatabase implements AutoCloseable {
    private final String server;
    private final String name;
    private final String url;

    private BenchDatabase(String server, String name, String url) {
        this.server = server;
        this.name = name;
        this.url = url;
    }

    /** @param server a JDBC URL whose role may create databases, as scripts/postgres.sh prints */
    static BenchDatabase create(String server) {
        String name = "sbxbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "create database " + name);
        int hostStart = server.indexOf("//") + 2;
        int slash = server.indexOf('/', hostStart);
        int query = server.indexOf('?');
        String url = server.substring(0, slash) + "/" + name + (query < 0 ? "" : server.substring(query));
        return new BenchDatabase(server, name, url);
    }

    String url() {
        return url;
    }

    String version() {
        try (var connection = DriverManager.getConnection(url);
             var rs = connection.createStatement().executeQuery("show server_version")) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (SQLException e) {
            return "?";
        }
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
