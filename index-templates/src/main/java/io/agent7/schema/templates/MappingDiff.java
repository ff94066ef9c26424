package io.agent7.schema.templates;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Compares an index's installed mapping with the one the schema wants. */
final class MappingDiff {

    private MappingDiff() {
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
