package io.agent7.search.alerts;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.elasticsearch.StoredDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Alerts as the detection engine writes them, for planting into {@code agent7-alerts}: only
 * the alert type's declared fields (a misspelt one fails here, not as the strict mapping's
 * refusal), with the common {@code @timestamp} (when raised), {@code host.id} and
 * {@code host.name}.
 */
final class AlertDocuments {

    static final DataType TYPE = Schema.standard().serverType("alert");

    private final String id;
    private final StoredDocument document;

    private AlertDocuments(String id, Instant raised) {
        this.id = id;
        this.document = StoredDocument.of(TYPE, raised)
                .put("alert.id", id)
                .put("alert.status", "open")
                .put("alert.severity", "medium")
                .put("alert.rule_type", "query")
                .put("alert.count", 1)
                .put("alert.last_match_at", raised)
                .put("event.kind", "signal")
                .put("event.severity", 47)
                .put("rule.version", "1")
                .put("rule.ruleset", "custom");
    }

    /** An open, medium alert raised at {@code raised}; the rest as the calls after it say. */
    static AlertDocuments alert(String id, Instant raised) {
        return new AlertDocuments(id, raised);
    }

    AlertDocuments host(String hostId, String hostName) {
        return put("host.id", hostId).put("host.name", hostName);
    }

    AlertDocuments rule(String ruleId, String name) {
        return put("rule.id", ruleId).put("rule.name", name);
    }

    AlertDocuments severity(String severity, long number, double riskScore) {
        return put("alert.severity", severity).put("event.severity", number).put("event.risk_score", riskScore);
    }

    AlertDocuments status(String status) {
        return put("alert.status", status);
    }

    AlertDocuments reason(String reason) {
        return put("event.reason", reason);
    }

    /** What matched: a scheduled task running {@code image} as {@code user}. */
    AlertDocuments scheduledTask(String path, String user, String image) {
        return put("alert.source_type", "scheduled_task")
                .put("alert.source_id", id + "-source")
                .put(
                        "alert.source",
                        Map.of(
                                "scheduled_task",
                                Map.of("path", path, "name", path.substring(path.lastIndexOf('\\') + 1)),
                                "user",
                                Map.of("name", user),
                                "process",
                                Map.of("executable", image)))
                .put("user.name", user)
                .put("process.executable", image)
                .put("alert.query", "process.executable,notlike,C:\\Program Files\\*")
                .put("rule.description", "A scheduled task runs a program from outside the system's folders.")
                .put("threat.framework", "MITRE ATT&CK")
                .put("threat.tactic.id", List.of("TA0003"))
                .put("threat.tactic.name", List.of("Persistence"))
                .put("threat.technique.id", List.of("T1053.005"))
                .put("threat.technique.name", List.of("Scheduled Task"))
                .put("tags", List.of("persistence"));
    }

    AlertDocuments put(String field, Object value) {
        document.put(field, value);
        return this;
    }

    String id() {
        return id;
    }

    Map<String, Object> document() {
        return document.map();
    }
}
