package dev.sandboxer.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.sandboxer.core.model.SandboxEvent;
import java.time.Instant;
import java.util.Map;

/**
 * One event of the record in CloudEvents 1.0 JSON form (structured mode), as the server sends it and as the
 * CLI prints it. {@code sequence} (the CloudEvents sequence extension) orders events and is what
 * {@code after} and {@code Last-Event-ID} take; {@code project} is an extension attribute too.
 */
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "sequence",
    "project", "data"})
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                         String datacontenttype, String sequence, String project, Map<String, Object> data) {

    public CloudEvent {
        data = data == null ? Map.of() : data;
    }

    /** A stored event of installation {@code installationId}, in the form the server sends. */
    public static CloudEvent of(SandboxEvent event, String installationId) {
        return new CloudEvent("1.0", event.id(), "/sandboxer/" + installationId, event.type(), event.subject(),
                event.time(), "application/json", Long.toString(event.seq()), event.project(), event.data());
    }

    /** The sequence number; 0 when the sender left it out. */
    @JsonIgnore
    public long seq() {
        try {
            return sequence == null ? 0 : Long.parseLong(sequence);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code dev.sandboxer.sandbox.ready} as {@code ready}. */
    @JsonIgnore
    public String shortType() {
        return type != null && type.startsWith(SandboxEvent.TYPE_PREFIX)
                ? type.substring(SandboxEvent.TYPE_PREFIX.length()) : String.valueOf(type);
    }

    /** A value of {@code data} as text ({@code initiator}, {@code reason}, {@code error}); "-" when absent. */
    public String datum(String name) {
        Object value = data.get(name);
        return value == null ? "-" : value.toString();
    }
}
