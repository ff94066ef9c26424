package io.agent7.schema.kibana;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A mapping flattened to its fields by full dotted name, multi-fields included. */
final class MappingLeaves {

    /**
     * One mapped field.
     *
     * @param type     the mapping type; {@code object} for an object, whether or not it says so
     * @param path     for an alias, the field it points to; otherwise null
     * @param multiOf  for a multi-field, the field it belongs to; otherwise null
     */
    record Leaf(String type, String path, String multiOf) {}

    private MappingLeaves() {}

    /** The fields of {@code mappings} (the object holding {@code properties}). */
    static Map<String, Leaf> of(JsonNode mappings) {
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        walk("", mappings.path("properties"), leaves);
        return leaves;
    }

    private static void walk(String prefix, JsonNode properties, Map<String, Leaf> leaves) {
        for (Map.Entry<String, JsonNode> entry : properties.properties()) {
            String name = prefix + entry.getKey();
            JsonNode node = entry.getValue();
            leaves.put(
                    name,
                    new Leaf(
                            node.path("type").asString("object"),
                            node.has("path") ? node.path("path").asString() : null,
                            null));
            for (Map.Entry<String, JsonNode> multi : node.path("fields").properties()) {
                leaves.put(
                        name + "." + multi.getKey(),
                        new Leaf(multi.getValue().path("type").asString(), null, name));
            }
            if (node.has("properties")) {
                walk(name + ".", node.path("properties"), leaves);
            }
        }
    }

    /** The type a field has for queries: an alias's target's. */
    static String effectiveType(Map<String, Leaf> leaves, String name) {
        Leaf leaf = leaves.get(name);
        if (leaf == null) {
            return null;
        }
        if (leaf.type().equals("alias")) {
            Leaf target = leaves.get(leaf.path());
            return target == null ? "alias to missing " + leaf.path() : target.type();
        }
        return leaf.type();
    }
}
