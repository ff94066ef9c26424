package io.agent7.ingest.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.schema.Values;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who did what, in {@code agent7-audit}: admin changes, enrollments, refused agent writes.
 * Each record is also logged, so that an audit write Elasticsearch refuses still leaves a
 * trace.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("agent7.audit");
    static final String INDEX = "agent7-audit";

    private final ElasticsearchClient client;
    private final Clock clock;

    AuditLog(ElasticsearchClient client, Clock clock) {
        this.client = client;
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
        String now = Values.formatDate(clock.instant());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", now);
        doc.put("agent7", Map.of("type", "audit"));
        doc.put(
                "audit",
                Map.of(
                        "id",
                        id,
                        "target",
                        target == null ? "" : target,
                        "details",
                        details == null ? Map.of() : stringValues(details)));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("action", action);
        event.put("outcome", success ? "success" : "failure");
        if (reason != null) {
            event.put("reason", reason);
        }
        doc.put("event", event);
        doc.put("user", Map.of("name", actor));
        log.info(
                "audit action={} outcome={} actor={} target={}{}",
                action,
                success ? "success" : "failure",
                actor,
                target,
                reason == null ? "" : " reason=" + reason);
        try {
            client.index(i -> i.index(INDEX).id(id).document(doc));
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
