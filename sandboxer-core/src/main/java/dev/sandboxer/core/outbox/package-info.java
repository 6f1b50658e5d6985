/**
 * The event outbox: delivers the append-only event log to webhook sinks at least once, in order, signed with
 * HMAC-SHA256, with retries and backoff, from whichever replica holds each sink. Runs beside lifecycle work and
 * never inside it, so a dead sink delays only its own deliveries.
 */
package dev.sandboxer.core.outbox;
