package io.agent7.search.alerts;

import io.agent7.query.dsl.FilterDsl;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert page's model: the workflow, the rule that fired, what matched, and the item it
 * matched, each as the page shows it (empty fields left out).
 *
 * @param workflow  who acknowledged and closed it, when, and why
 * @param rule      the rule's facts: name, id, version, severity, risk score, ATT&CK, ...
 * @param queryUrl  the rule's query in the search page, against the matched item's type; null without one
 * @param match     what the match was: count, windows, grouping, and the user, process and file it names
 * @param source    the matched item's fields as it was when the alert was raised
 * @param sourceUrl the item in the search page, found by its host and identity fields; null when
 *                  its type or identity is unknown
 */
record AlertView(
        String id,
        String title,
        String reason,
        String status,
        String severity,
        String raisedAt,
        String hostId,
        String hostName,
        String assignee,
        Map<String, String> workflow,
        List<Alert.Note> notes,
        Map<String, String> rule,
        String query,
        String queryUrl,
        Map<String, String> match,
        String sourceType,
        Map<String, String> source,
        String sourceUrl) {

    static AlertView of(Alert alert, Schema schema) {
        String ruleName = alert.text("rule.name");
        String sourceType = alert.text("alert.source_type");
        String query = alert.text("alert.query");
        return new AlertView(
                alert.id(),
                ruleName.isEmpty() ? alert.text("rule.id") : ruleName,
                alert.text("event.reason"),
                alert.status().id(),
                alert.text("alert.severity"),
                alert.text(CommonFields.TIMESTAMP),
                alert.text(CommonFields.HOST_ID),
                alert.text(CommonFields.HOST_NAME),
                alert.assignee(),
                facts(
                        alert,
                        "acknowledged by",
                        "alert.acknowledged_by",
                        "acknowledged at",
                        "alert.acknowledged_at",
                        "closed by",
                        "alert.closed_by",
                        "closed at",
                        "alert.closed_at",
                        "closed because",
                        "alert.closed_reason",
                        "last changed",
                        "alert.updated_at"),
                alert.notes(),
                rule(alert),
                query,
                query.isBlank() || sourceType.isEmpty() ? null : AlertLinks.search(sourceType, query, false),
                match(alert),
                sourceType,
                source(alert),
                sourceUrl(alert, schema));
    }

    private static Map<String, String> rule(Alert alert) {
        Map<String, String> rule = facts(
                alert,
                "name",
                "rule.name",
                "id",
                "rule.id",
                "version",
                "rule.version",
                "type",
                "alert.rule_type",
                "severity",
                "alert.severity",
                "risk score",
                "event.risk_score");
        putIfSet(rule, "tactics", pairs(alert.texts("threat.tactic.id"), alert.texts("threat.tactic.name"), " "));
        putIfSet(
                rule,
                "techniques",
                pairs(alert.texts("threat.technique.id"), alert.texts("threat.technique.name"), " "));
        rule.putAll(facts(
                alert,
                "description",
                "rule.description",
                "author",
                "rule.author",
                "reference",
                "rule.reference",
                "ruleset",
                "rule.ruleset",
                "tags",
                "tags"));
        return rule;
    }

    private static Map<String, String> match(Alert alert) {
        Map<String, String> match = facts(
                alert,
                "raised",
                CommonFields.TIMESTAMP,
                "matches",
                "alert.count",
                "last match",
                "alert.last_match_at",
                "window start",
                "alert.window_start",
                "window end",
                "alert.window_end");
        putIfSet(match, "grouped by", pairs(alert.texts("alert.group_fields"), alert.texts("alert.group_values"), "="));
        for (String field : List.of(
                "user.name",
                "user.domain",
                "user.id",
                "process.name",
                "process.pid",
                "process.executable",
                "process.command_line",
                "file.path",
                "file.name",
                "file.hash.sha256")) {
            putIfSet(match, field, alert.text(field));
        }
        return match;
    }

    private static Map<String, String> source(Alert alert) {
        return alert.value("alert.source") instanceof Map<?, ?> source
                ? Documents.flatten(Documents.cast(source))
                : Map.of();
    }

    /**
     * The matched item as a search: its host and its type's identity fields, which single it
     * out among the host's items (the search page finds items by their fields, not by id).
     * Items gone since are included: the item may have been the reason it went.
     */
    static String sourceUrl(Alert alert, Schema schema) {
        Optional<DataType> type = schema.find(alert.text("alert.source_type"));
        if (type.isEmpty() || !(alert.value("alert.source") instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, Object> source = Documents.cast(raw);
        List<String> clauses = new ArrayList<>();
        String host = alert.text(CommonFields.HOST_ID);
        if (!host.isEmpty()) {
            clauses.add(CommonFields.HOST_ID + ",eq," + FilterDsl.quote(host));
        }
        for (String field : type.get().identity()) {
            Object value = Documents.value(source, field);
            if (!field.equals(CommonFields.HOST_ID)
                    && value != null
                    && !(value instanceof Map<?, ?>)
                    && !(value instanceof Collection<?>)) {
                clauses.add(field + ",eq," + FilterDsl.quote(String.valueOf(value)));
            }
        }
        return clauses.isEmpty() ? null : AlertLinks.search(type.get().name(), String.join(";", clauses), true);
    }

    /** Labels and fields, alternating; the fields with a value, under their labels. */
    private static Map<String, String> facts(Alert alert, String... labelsAndFields) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndFields.length; i += 2) {
            putIfSet(facts, labelsAndFields[i], alert.text(labelsAndFields[i + 1]));
        }
        return facts;
    }

    /** {@code TA0003 Persistence, TA0004 Privilege Escalation}: two parallel lists side by side. */
    private static String pairs(List<String> first, List<String> second, String between) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            String a = i < first.size() ? first.get(i) : "";
            String b = i < second.size() ? second.get(i) : "";
            out.add(a.isEmpty() || b.isEmpty() ? a + b : a + between + b);
        }
        return String.join(", ", out);
    }

    private static void putIfSet(Map<String, String> facts, String label, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(label, value);
        }
    }
}
