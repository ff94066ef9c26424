package io.agent7.agent.collect.linux;

import io.agent7.schema.Documents;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads collected documents by dotted field name, for assertions. */
final class Fields {

    private Fields() {}

    static String text(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asString();
    }

    static Long number(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asLong();
    }

    static Double decimal(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asDouble();
    }

    static Boolean bool(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asBoolean();
    }

    static List<String> texts(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        List<String> values = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(v -> values.add(v.asString()));
        } else if (value != null && !value.isNull()) {
            values.add(value.asString());
        }
        return values;
    }

    static boolean has(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value != null && !value.isNull();
    }

    /** The one document whose field has the value; fails when there is none or several. */
    static ObjectNode only(List<ObjectNode> docs, String path, String value) {
        List<ObjectNode> found = all(docs, path, value);
        if (found.size() != 1) {
            throw new NoSuchElementException(found.size() + " documents with " + path + "=" + value + " in " + docs);
        }
        return found.get(0);
    }

    static List<ObjectNode> all(List<ObjectNode> docs, String path, String value) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode doc : docs) {
            if (value.equals(text(doc, path))) {
                found.add(doc);
            }
        }
        return found;
    }

    static List<String> column(List<ObjectNode> docs, String path) {
        List<String> values = new ArrayList<>();
        for (ObjectNode doc : docs) {
            values.add(text(doc, path));
        }
        return values;
    }
}
