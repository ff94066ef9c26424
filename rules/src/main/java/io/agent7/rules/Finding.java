package io.agent7.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something a rule found, before it is an alert: the alert's id, the item that matched (for
 * groups, the first or latest item of the group), and for grouping rules the group.
 *
 * @param alertId     deterministic: the same match in an overlapping window or a retried run
 *                    gives the same id, so it is written once ({@link AlertIds})
 * @param source      the matching item's document, as stored; null for none
 * @param count       how many items it stands for
 * @param upsert      whether a later run may add to it (suppressed and threshold groups: the
 *                    count is recomputed and written over); else it is created once, never changed
 */
public record Finding(
        String alertId,
        String sourceType,
        String sourceId,
        Map<String, Object> source,
        List<String> groupFields,
        List<Object> groupValues,
        long count,
        Instant firstMatch,
        Instant lastMatch,
        String reason,
        boolean upsert) {
    public Finding {
        groupFields = List.copyOf(groupFields);
        groupValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(groupValues));
    }
}
