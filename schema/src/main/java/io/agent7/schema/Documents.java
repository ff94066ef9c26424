package io.agent7.schema;

import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Dotted-path access to JSON documents, which may nest objects or use dotted keys. */
public final class Documents {

    private Documents() {}

    /** The value at {@code path}, following nested objects or a literal dotted key; null when absent. */
    public static JsonNode get(JsonNode document, String path) {
        if (document == null || !document.isObject()) {
            return null;
        }
        JsonNode direct = document.get(path);
        if (direct != null) {
            return direct;
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            JsonNode child = document.get(path.substring(0, dot));
            if (child != null && child.isObject()) {
                JsonNode found = get(child, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }

    /** The value at a path already split at its dots, in nested form only; null when absent. */
    public static JsonNode get(JsonNode document, String[] path) {
        JsonNode node = document;
        for (String key : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(key);
        }
        return node;
    }

    /** Sets a path already split at its dots, creating the objects on the way. */
    public static void set(ObjectNode document, String[] path, JsonNode value) {
        ObjectNode node = document;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = node.get(path[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(path[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(path[path.length - 1], value);
    }

    /** Sets {@code path} in nested form, creating the objects on the way. */
    public static void set(ObjectNode document, String path, JsonNode value) {
        set(document, path.split("\\."), value);
    }

    /**
     * Visits every leaf of {@code document} with its full dotted name. Arrays are leaves:
     * a keyword field may hold several values. Objects inside arrays are not expanded.
     */
    public static void forEachLeaf(JsonNode document, BiConsumer<String, JsonNode> visitor) {
        walk("", document, visitor);
    }

    private static void walk(String prefix, JsonNode node, BiConsumer<String, JsonNode> visitor) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject() && !value.isEmpty()) {
                walk(name, value, visitor);
            } else {
                visitor.accept(name, value);
            }
        }
    }

    /** A fresh empty object. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
