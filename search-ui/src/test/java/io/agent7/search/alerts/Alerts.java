package io.agent7.search.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alert documents for unit tests, nested as Elasticsearch returns them. */
final class Alerts {

    private Alerts() {}

    static Map<String, Object> document(String id, String status) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", id);
        alert.put("status", status);
        alert.put("severity", "high");
        alert.put("count", 3);
        alert.put("source_type", "scheduled_task");
        alert.put("source", Map.of("scheduled_task", Map.of("path", "\\t1", "name", "t1")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", "2026-12-01T08:00:00.000Z");
        doc.put("alert", alert);
        doc.put("rule", Map.of("id", "r-1", "name", "Task outside system folders"));
        doc.put("host", Map.of("id", "h-1", "name", "win-01"));
        doc.put("event", Map.of("kind", "signal", "reason", "A task runs C:\\Temp\\x.exe"));
        return doc;
    }

    static Alert alert(String status) {
        return new Alert("a-1", document("a-1", status));
    }

    static Alert withNotes(List<Map<String, Object>> notes) {
        Map<String, Object> doc = document("a-1", "open");
        @SuppressWarnings("unchecked")
        Map<String, Object> alert = (Map<String, Object>) doc.get("alert");
        alert.put("notes", notes);
        return new Alert("a-1", doc);
    }
}
