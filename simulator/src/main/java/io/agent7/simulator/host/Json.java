package io.agent7.simulator.host;

import io.agent7.schema.Documents;
import io.agent7.schema.Values;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers that keep the document builders to one line a field, and never write empty values. */
final class Json {

    private Json() {}

    static ObjectNode doc() {
        return Documents.object();
    }

    /** The child object {@code name}, created on first use, so builders can add fields in any order. */
    static ObjectNode obj(ObjectNode parent, String name) {
        var child = parent.get(name);
        if (child instanceof ObjectNode node) {
            return node;
        }
        return parent.putObject(name);
    }

    static void text(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    static void date(ObjectNode node, String field, long epochMillis) {
        node.put(field, Values.formatDate(Instant.ofEpochMilli(epochMillis)));
    }

    /** A date that may be unknown: {@code Long.MIN_VALUE} leaves the field out. */
    static void dateIfKnown(ObjectNode node, String field, long epochMillis) {
        if (epochMillis != Long.MIN_VALUE) {
            date(node, field, epochMillis);
        }
    }

    static void texts(ObjectNode node, String field, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    /** Rounds a ratio or load to 4 decimals, the precision a collector would report. */
    static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
