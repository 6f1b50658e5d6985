/**
 * The lifecycle engine: create, describe, list, destroy, recreate, extend and exec, each recorded as an
 * immutable operation with events. Sees extensions only through the SPI and state only through the store.
 */
package dev.sandboxer.core.engine;
