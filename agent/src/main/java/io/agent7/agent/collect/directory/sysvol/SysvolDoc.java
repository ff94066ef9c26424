package io.agent7.agent.collect.directory.sysvol;

import io.agent7.schema.Documents;
import io.agent7.schema.Values;
import java.time.Instant;
import java.util.Collection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one document, or one nested object of it, in nested form. Setters ignore an
 * unknown (null or blank) value, so a document holds what was found and never a placeholder.
 */
final class SysvolDoc {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode node = Documents.object();

    SysvolDoc text(String path, String value) {
        if (value != null && !value.isBlank()) {
            Documents.set(node, path, NODES.stringNode(value));
        }
        return this;
    }

    SysvolDoc number(String path, long value) {
        Documents.set(node, path, NODES.numberNode(value));
        return this;
    }

    SysvolDoc bool(String path, boolean value) {
        Documents.set(node, path, NODES.booleanNode(value));
        return this;
    }

    SysvolDoc date(String path, Instant value) {
        if (value != null) {
            Documents.set(node, path, NODES.stringNode(Values.formatDate(value)));
        }
        return this;
    }

    SysvolDoc texts(String path, Collection<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = NODES.arrayNode(values.size());
            values.forEach(array::add);
            Documents.set(node, path, array);
        }
        return this;
    }

    /** An array of nested objects, kept even when empty: a DACL with no entries is a fact. */
    SysvolDoc objects(String path, Collection<ObjectNode> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        values.forEach(array::add);
        Documents.set(node, path, (JsonNode) array);
        return this;
    }

    ObjectNode build() {
        return node;
    }
}
