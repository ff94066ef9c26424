package io.agent7.schema.templates;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Compares an index's installed mapping with the one the schema wants. */
final class MappingDiff {

    private MappingDiff() {}

    /** What changes from an installed template to the wanted one, in one line. */
    static String describe(JsonNode installed, JsonNode wanted) {
        java.util.Map<String, String> before = new java.util.TreeMap<>();
        java.util.Map<String, String> after = new java.util.TreeMap<>();
        flatten("", installed.path("template").path("mappings").path("properties"), before);
        flatten("", wanted.path("template").path("mappings").path("properties"), after);
        List<String> added = new java.util.ArrayList<>();
        List<String> removed = new java.util.ArrayList<>();
        List<String> changed = new java.util.ArrayList<>();
        after.forEach((name, type) -> {
            String old = before.get(name);
            if (old == null) {
                // An object that comes with its fields is not a field of its own: name those.
                if (!type.equals("object") || !hasFieldUnder(after, name)) {
                    added.add(name);
                }
            } else if (!old.equals(type)) {
                changed.add(name + " " + old + "->" + type);
            }
        });
        before.keySet().stream().filter(name -> !after.containsKey(name)).forEach(removed::add);
        List<String> parts = new java.util.ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + summary(added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + summary(removed));
        }
        if (!changed.isEmpty()) {
            parts.add("changed " + summary(changed));
        }
        for (String key : List.of("settings", "aliases")) {
            if (!installed
                    .path("template")
                    .path(key)
                    .toString()
                    .equals(wanted.path("template").path(key).toString())) {
                parts.add(key + " changed");
            }
        }
        for (String key : List.of("index_patterns", "composed_of", "priority")) {
            if (!installed.path(key).toString().equals(wanted.path(key).toString())) {
                parts.add(key + " changed");
            }
        }
        return parts.isEmpty() ? "metadata only" : String.join("; ", parts);
    }

    private static boolean hasFieldUnder(java.util.Map<String, String> fields, String object) {
        String prefix = object + ".";
        return fields.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }

    private static String summary(List<String> names) {
        int shown = Math.min(names.size(), 8);
        return names.size() + " field" + (names.size() == 1 ? "" : "s") + " ("
                + String.join(", ", names.subList(0, shown)) + (names.size() > shown ? ", ..." : "") + ")";
    }

    private static void flatten(String prefix, JsonNode properties, java.util.Map<String, String> out) {
        for (Map.Entry<String, JsonNode> entry : properties.properties()) {
            String name = prefix + entry.getKey();
            JsonNode mapping = entry.getValue();
            out.put(name, mapping.path("type").asString("object"));
            for (Map.Entry<String, JsonNode> sub : mapping.path("fields").properties()) {
                out.put(name + "." + sub.getKey(), sub.getValue().path("type").asString());
            }
            if (mapping.has("properties")) {
                flatten(name + ".", mapping.path("properties"), out);
            }
        }
    }

    /**
     * Adds a line to {@code conflicts} for each field whose type differs, and answers whether
     * {@code wanted} has fields the installed mapping lacks.
     */
    static boolean compare(String prefix, JsonNode installed, JsonNode wanted, List<String> conflicts) {
        boolean missing = false;
        for (Map.Entry<String, JsonNode> entry : wanted.properties()) {
            String name = prefix + entry.getKey();
            JsonNode want = entry.getValue();
            JsonNode have = installed.get(entry.getKey());
            if (have == null) {
                missing = true;
                continue;
            }
            String wantType = want.path("type").asString("object");
            String haveType = have.path("type").asString("object");
            if (!wantType.equals(haveType)) {
                conflicts.add(name + " is " + haveType + ", the schema says " + wantType);
                continue;
            }
            if (want.has("properties")) {
                missing |= compare(name + ".", have.path("properties"), want.path("properties"), conflicts);
            }
        }
        return missing;
    }
}
