package io.agent7.ingest.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.elasticsearch.StoredDocument;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who did what, in the schema's {@code audit} index: admin changes, enrollments, refused agent writes.
 * Each record is also logged, so that an audit write Elasticsearch refuses still leaves a
 * trace.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("agent7.audit");

    private final ElasticsearchClient client;
    private final DataType type;
    private final Clock clock;

    AuditLog(ElasticsearchClient client, Schema schema, Clock clock) {
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
        String id = UUID.randomUUID().toString();
        StoredDocument doc = StoredDocument.of(type, clock.instant())
                .put("audit.id", id)
                .put("audit.target", target == null ? "" : target)
                .put("audit.details", details == null ? Map.of() : stringValues(details))
                .put("event.action", action)
                .put("event.outcome", success ? "success" : "failure")
                .put("user.name", actor);
        if (reason != null) {
            doc.put("event.reason", reason);
        }
        log.info(
                "audit action={} outcome={} actor={} target={}{}",
                action,
                success ? "success" : "failure",
                actor,
                target,
                reason == null ? "" : " reason=" + reason);
        try {
            client.index(i -> i.index(type.index()).id(id).document(doc.map()));
        } catch (IOException | RuntimeException e) {
            log.error("Could not write audit record {} ({} by {}): {}", id, action, actor, e.toString());
        }
    }

    private static Map<String, String> stringValues(Map<String, ?> details) {
        Map<String, String> out = new LinkedHashMap<>();
        details.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
