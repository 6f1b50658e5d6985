package dev.sandboxer.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * An append-only record of one transition, shaped as a CloudEvents 1.0 event.
 *
 * @param seq     global order of appending
 * @param type    e.g. {@code dev.sandboxer.sandbox.ready}
 * @param subject the sandbox id
 * @param data    initiator, reason, from, to, operation id
 */
public record SandboxEvent(long seq, String id, String type, String subject, Instant time, String project,
                           Map<String, Object> data) {
    public static final String TYPE_PREFIX = "dev.sandboxer.sandbox.";
}
