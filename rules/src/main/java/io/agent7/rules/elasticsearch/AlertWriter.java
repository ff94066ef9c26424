package io.agent7.rules.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.agent7.rules.Finding;
import io.agent7.rules.Rule;
import io.agent7.rules.Window;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes findings as alerts into {@code agent7-alerts}. A finding that stands for one match
 * is created once ({@code create}: if its id exists, whatever an analyst did to it stays);
 * a group's alert is created with its count, and later runs write only the recounted count
 * and last match over it (an update with an upsert), never its workflow fields.
 */
public final class AlertWriter {

    /** The alert fields copied from the matching item when it has them. */
    private static final List<String> COPIED = List.of(
            "user.name",
            "user.id",
            "user.domain",
            "process.name",
            "process.pid",
            "process.executable",
            "process.command_line",
            "file.path",
            "file.name",
            "file.hash.sha256");

    private final ElasticsearchClient client;
    private final DataType alerts;

    public AlertWriter(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.alerts = schema.serverType("alert");
    }

    public String index() {
        return alerts.index();
    }

    /** What became of one finding. */
    public enum Outcome {
        /** A new alert: notify. */
        CREATED,
        /** An existing group alert whose count or last match changed. */
        UPDATED,
        /** Already written by an earlier run or another instance. */
        UNCHANGED
    }

    /**
     * Writes the findings, in one bulk request, and answers their outcomes in order.
     *
     * @throws UncheckedIOException Elasticsearch failed, or refused an alert (which fails the
     *     run, so that its window is searched again)
     */
    public List<Outcome> write(Rule rule, Window window, List<Finding> findings, Instant now) {
        if (findings.isEmpty()) {
            return List.of();
        }
        List<BulkOperation> operations = new ArrayList<>();
        for (Finding finding : findings) {
            Map<String, Object> document = document(rule, window, finding, now);
            if (finding.upsert()) {
                Map<String, Object> alert = new LinkedHashMap<>();
                alert.put("count", finding.count());
                alert.put("last_match_at", string(finding.lastMatch()));
                Map<String, Object> changes = Map.of("alert", alert);
                operations.add(BulkOperation.of(o -> o.update(u -> u.index(alerts.index())
                        .id(finding.alertId())
                        .retryOnConflict(3)
                        .action(a -> a.doc(changes).upsert(document).detectNoop(true)))));
            } else {
                operations.add(BulkOperation.of(o -> o.create(
                        c -> c.index(alerts.index()).id(finding.alertId()).document(document))));
            }
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(operations).refresh(Refresh.False));
        } catch (IOException e) {
            throw new UncheckedIOException("Writing alerts of rule " + rule.id() + ": " + e.getMessage(), e);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (BulkResponseItem item : response.items()) {
            if (item.error() != null) {
                if (item.status() == 409 && !findings.get(outcomes.size()).upsert()) {
                    outcomes.add(Outcome.UNCHANGED);
                    continue;
                }
                throw new UncheckedIOException(
                        new IOException("Elasticsearch refused alert " + item.id() + " of rule " + rule.id() + ": "
                                + item.error().type() + ": " + item.error().reason()));
            }
            outcomes.add(
                    switch (item.result() == null ? "" : item.result()) {
                        case "created" -> Outcome.CREATED;
                        case "updated" -> Outcome.UPDATED;
                        default -> Outcome.UNCHANGED;
                    });
        }
        return outcomes;
    }

    /** The alert document of a finding, as first written. */
    public Map<String, Object> document(Rule rule, Window window, Finding finding, Instant now) {
        Map<String, Object> d = new LinkedHashMap<>();
        Map<String, Object> source = finding.source();
        d.put(CommonFields.TIMESTAMP, string(now));
        put(d, CommonFields.INGESTED, string(now));
        put(d, CommonFields.TYPE, alerts.name());
        Object hostId = Sources.get(source, CommonFields.HOST_ID);
        if (hostId == null && finding.groupFields().contains(CommonFields.HOST_ID)) {
            hostId = finding.groupValues().get(finding.groupFields().indexOf(CommonFields.HOST_ID));
        }
        put(d, CommonFields.HOST_ID, hostId);
        put(d, CommonFields.HOST_NAME, Sources.get(source, CommonFields.HOST_NAME));
        put(d, "alert.id", finding.alertId());
        put(d, "alert.status", "open");
        put(d, "alert.severity", rule.severity().yaml());
        put(d, "alert.rule_type", rule.type().yaml());
        put(d, "alert.source_type", finding.sourceType());
        put(d, "alert.source_id", finding.sourceId());
        if (source != null && !source.isEmpty()) {
            put(d, "alert.source", source);
        }
        if (!finding.groupFields().isEmpty()) {
            put(d, "alert.group_fields", finding.groupFields());
            put(
                    d,
                    "alert.group_values",
                    finding.groupValues().stream().map(String::valueOf).toList());
        }
        put(d, "alert.count", finding.count());
        put(d, "alert.last_match_at", string(finding.lastMatch()));
        put(d, "alert.window_start", string(window.start()));
        put(d, "alert.window_end", string(window.end()));
        if (rule.query() != null) {
            put(d, "alert.query", rule.query().text());
        }
        put(d, "rule.id", rule.id());
        put(d, "rule.name", rule.name());
        put(d, "rule.version", Integer.toString(rule.version()));
        put(d, "rule.description", rule.description());
        put(d, "rule.author", rule.author());
        put(d, "rule.reference", rule.references());
        put(d, "rule.ruleset", rule.ruleset());
        put(d, "event.kind", "signal");
        put(d, "event.severity", rule.severity().number());
        put(d, "event.risk_score", rule.riskScore());
        put(d, "event.reason", finding.reason());
        put(d, "tags", rule.tags());
        if (!rule.threat().isEmpty()) {
            put(d, "threat.framework", "MITRE ATT&CK");
            put(
                    d,
                    "threat.tactic.id",
                    rule.threat().stream().map(Rule.Threat::tacticId).toList());
            put(
                    d,
                    "threat.tactic.name",
                    rule.threat().stream().map(Rule.Threat::tacticName).toList());
            put(
                    d,
                    "threat.technique.id",
                    rule.threat().stream()
                            .flatMap(t -> t.techniques().stream())
                            .map(Rule.Technique::id)
                            .toList());
            put(
                    d,
                    "threat.technique.name",
                    rule.threat().stream()
                            .flatMap(t -> t.techniques().stream())
                            .map(Rule.Technique::name)
                            .toList());
        }
        for (String name : COPIED) {
            Object value = Sources.get(source, name);
            if (value == null && name.startsWith("user.")) {
                value = Sources.get(source, "process." + name); // whom a process runs as: its user
            }
            Field field = alerts.field(name);
            if (value != null && field != null && fits(field, value)) {
                put(d, name, value);
            }
        }
        return d;
    }

    private static boolean fits(Field field, Object value) {
        if (field.type() == FieldType.LONG) {
            return value instanceof Number;
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    /** Sets a dotted field as nested objects, skipping nulls and empty text or lists. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> document, String path, Object value) {
        if (value == null
                || (value instanceof String s && s.isEmpty())
                || (value instanceof List<?> l && l.isEmpty())) {
            return;
        }
        String[] parts = path.split("\\.");
        Map<String, Object> node = document;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }

    private static String string(Instant instant) {
        return instant == null ? null : Values.formatDate(instant);
    }
}
