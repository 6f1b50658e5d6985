package dev.sandboxer.server;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.sandboxer.core.model.SandboxEvent;
import java.time.Instant;
import java.util.Map;

/**
 * A stored event in CloudEvents 1.0 JSON form (structured mode), as {@code sandboxer events -o json} prints
 * it. {@code sequence} (the sequence extension) is what {@code after} and SSE's {@code Last-Event-ID} take
 * back; {@code project} is an extension attribute.
 */
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "sequence",
    "project", "data"})
record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                  String datacontenttype, String sequence, String project, Map<String, Object> data) {

    static CloudEvent of(SandboxEvent event, String installationId) {
        return new CloudEvent("1.0", event.id(), "/sandboxer/" + installationId, event.type(), event.subject(),
                event.time(), "application/json", Long.toString(event.seq()), event.project(), event.data());
    }
}
