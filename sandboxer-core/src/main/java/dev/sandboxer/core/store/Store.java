package dev.sandboxer.core.store;

import java.util.function.Function;

/** The engine's durable state. All reads and writes happen inside one transaction each. */
public interface Store extends AutoCloseable {

    /** This installation's id, made once when the store is first created; stamped on backend resources. */
    String installationId();

    /** Runs work in one write transaction (SQLite: BEGIN IMMEDIATE), committed when it returns. */
    <T> T write(Function<StoreSession, T> work);

    /** Runs work in a read-only view. */
    <T> T read(Function<StoreSession, T> work);

    @Override
    void close();
}
