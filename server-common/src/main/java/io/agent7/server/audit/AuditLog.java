package io.agent7.server.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.elasticsearch.StoredDocument;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what, in the schema's {@code audit} index: admin changes, enrollments, refused agent
 * writes, sign-ins and refused requests. Each record is also logged, so that an audit write
 * Elasticsearch refuses still leaves a trace. Shared by every service (server-common's
 * auto-configuration makes one).
 */
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("agent7.audit");

    private final ElasticsearchClient client;
    private final DataType type;
    private final Clock clock;

    public AuditLog(ElasticsearchClient client, Schema schema, Clock clock) {
        this.client = client;
        this.type = schema.serverType("audit");
        this.clock = clock;
    }

    /**
     * @param action  what happened, e.g. {@code site_key.create}
     * @param success whether it succeeded
     * @param actor   an account name, or {@code agent:<id>} for agents
     * @param target  what it was done to
     * @param reason  why it failed, or null
     * @param details anything else worth keeping; values become keywords
     */
    public void record(
            String action, boolean success, String actor, String target, String reason, Map<String, ?> details) {
        record(new AuditEvent(action, success, actor, List.of(), null, target, reason, details));
    }

    /** Writes one record and answers its id. A record Elasticsearch refuses is logged as an error, never thrown. */
    public String record(AuditEvent event) {
        String id = UUID.randomUUID().toString();
        StoredDocument doc = StoredDocument.of(type, clock.instant())
                .put("audit.id", id)
                .put("audit.target", event.target() == null ? "" : event.target())
                .put("audit.details", event.details() == null ? Map.of() : stringValues(event.details()))
                .put("event.action", event.action())
                .put("event.outcome", event.success() ? "success" : "failure")
                .put("user.name", event.actor());
        if (!event.roles().isEmpty()) {
            doc.put("user.roles", event.roles());
        }
        if (event.sourceIp() != null) {
            doc.put("source.ip", event.sourceIp());
        }
        if (event.reason() != null) {
            doc.put("event.reason", event.reason());
        }
        log.info(
                "audit action={} outcome={} actor={} target={}{}",
                event.action(),
                event.success() ? "success" : "failure",
                event.actor(),
                event.target(),
                event.reason() == null ? "" : " reason=" + event.reason());
        try {
            client.index(i -> i.index(type.index()).id(id).document(doc.map()));
        } catch (IOException | RuntimeException e) {
            log.error(
                    "Could not write audit record {} ({} by {}): {}", id, event.action(), event.actor(), e.toString());
        }
        return id;
    }

    private static Map<String, String> stringValues(Map<String, ?> details) {
        Map<String, String> out = new LinkedHashMap<>();
        details.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
