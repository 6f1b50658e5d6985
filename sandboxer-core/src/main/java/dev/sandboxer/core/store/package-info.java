/**
 * Durable state: sandboxes, operations, events, port claims. {@link dev.sandboxer.core.store.Store} is the
 * port the engine uses; {@link dev.sandboxer.core.store.JdbcStore} implements it with JDBI and Flyway on SQLite
 * (embedded default). SQL is kept portable (epoch-millisecond integers, no vendor functions) so PostgreSQL is a
 * second set of migrations, not a second store.
 */
package dev.sandboxer.core.store;
