package io.agent7.schema;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what an agent sent for one data type into the stored form: nested objects, only
 * the type's own fields, every value checked and normalised (see {@link Values}). The
 * fields the server owns ({@link CommonFields#SERVER_OWNED}) are left out: the server sets
 * them from the agent's credentials and its own clock.
 */
public final class DocumentNormalizer {

    private final DataType type;
    /** Every proper prefix of a field name: the objects a document may nest on the way to a field. */
    private final Set<String> objectPaths = new HashSet<>();

    public DocumentNormalizer(DataType type) {
        this.type = type;
        for (String name : type.allFields().keySet()) {
            int dot = name.indexOf('.');
            while (dot > 0) {
                objectPaths.add(name.substring(0, dot));
                dot = name.indexOf('.', dot + 1);
            }
        }
    }

    public DataType type() {
        return type;
    }

    /**
     * The stored form of {@code raw}.
     *
     * @throws InvalidDocumentException naming the first field that is unknown, of the wrong
     *         type, or an identity field that is missing or holds several values
     */
    public ObjectNode normalize(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            throw new InvalidDocumentException(null, "a document must be a JSON object");
        }
        ObjectNode out = Documents.object();
        walk("", raw, out);
        for (String id : type.identity()) {
            if (CommonFields.SERVER_OWNED.contains(id)) {
                continue; // the server sets it from the agent's credentials
            }
            JsonNode value = Documents.get(out, id);
            if ((value == null || value.isNull()) && !type.optionalIdentity().contains(id)) {
                throw new InvalidDocumentException(id, "is an identity field of '" + type.name() + "' and must be set");
            }
            if (value != null && value.isArray()) {
                throw new InvalidDocumentException(id, "is an identity field of '" + type.name() + "' and takes one value");
            }
        }
        return out;
    }

    /** Each element of a nested array is a small document of the nested field's declared sub-fields. */
    private ArrayNode nestedArray(Field field, JsonNode array) {
        ArrayNode elements = Documents.object().arrayNode(array.size());
        for (JsonNode element : array) {
            if (!element.isObject()) {
                throw new InvalidDocumentException(field.name(), "expected an array of objects, found " + Values.describe(element));
            }
            ObjectNode full = Documents.object();
            walk(field.name(), element, full);
            JsonNode inner = Documents.get(full, field.name());
            elements.add(inner == null ? Documents.object() : inner);
        }
        return elements;
    }

    private void walk(String prefix, JsonNode node, ObjectNode out) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            JsonNode value = entry.getValue();
            Field field = type.field(name);
            if (field != null && field.type() == FieldType.NESTED && value.isArray()) {
                Documents.set(out, name, nestedArray(field, value));
            } else if (field != null && !CommonFields.SERVER_OWNED.contains(name)) {
                JsonNode normalized = Values.normalize(field, value);
                if (!normalized.isNull()) {
                    Documents.set(out, name, normalized);
                }
            } else if (field != null) {
                continue;
            } else if (objectPaths.contains(name) && value.isObject()) {
                walk(name, value, out);
            } else if (objectPaths.contains(name) && value.isNull()) {
                continue;
            } else {
                throw new InvalidDocumentException(name, "is not a field of '" + type.name() + "'");
            }
        }
    }
}
