package io.agent7.agent.collect.directory;

import io.agent7.schema.Documents;
import io.agent7.schema.Values;
import java.time.Instant;
import java.util.Collection;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builds one directory document in nested form; every setter skips a missing (null or blank) value. */
final class AdDoc {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode node = Documents.object();

    AdDoc text(String path, String value) {
        if (value != null && !value.isBlank()) {
            Documents.set(node, path, NODES.stringNode(value));
        }
        return this;
    }

    AdDoc number(String path, Long value) {
        if (value != null) {
            Documents.set(node, path, NODES.numberNode(value.longValue()));
        }
        return this;
    }

    AdDoc bool(String path, Boolean value) {
        if (value != null) {
            Documents.set(node, path, NODES.booleanNode(value));
        }
        return this;
    }

    AdDoc date(String path, Instant value) {
        if (value != null) {
            Documents.set(node, path, NODES.stringNode(Values.formatDate(value)));
        }
        return this;
    }

    /** A list of texts; an empty one is left out, as the attribute it comes from would be. */
    AdDoc texts(String path, Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode array = NODES.arrayNode(values.size());
            values.forEach(array::add);
            Documents.set(node, path, array);
        }
        return this;
    }

    /** A list of objects, for a nested field. */
    AdDoc objects(String path, Collection<ObjectNode> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode array = NODES.arrayNode(values.size());
            values.forEach(array::add);
            Documents.set(node, path, array);
        }
        return this;
    }

    ObjectNode build() {
        return node;
    }
}
