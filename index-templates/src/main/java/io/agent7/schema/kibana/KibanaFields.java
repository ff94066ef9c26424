package io.agent7.schema.kibana;

import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A data view's field list, as Kibana builds it from Elasticsearch's {@code _field_caps}:
 * the same Kibana type names, {@code searchable} and {@code aggregatable} flags, so that the
 * saved data view reads like one Kibana created itself against an Agent7 index.
 */
final class KibanaFields {

    /** The multi-field every keyword with {@link Field#textField()} gets (see IndexTemplates). */
    static final String TEXT_SUBFIELD = "text";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private KibanaFields() {}

    /** Every field an index of {@code type} maps, in declaration order, common fields first. */
    static ArrayNode of(DataType type) {
        ArrayNode specs = NODES.arrayNode();
        for (Field field : type.allFields().values()) {
            // Field caps list an alias under its own name with its target's type.
            Field mapped = field.isAlias() ? target(type, field) : field;
            if (mapped.type() == FieldType.OBJECT) {
                // Kibana leaves objects out of a data view: only their leaves hold values.
                continue;
            }
            ObjectNode spec = spec(field.name(), mapped.type().mappingName());
            String nestedPath = nestedPath(type, field.name());
            if (nestedPath != null) {
                spec.putObject("subType").putObject("nested").put("path", nestedPath);
            }
            specs.add(spec);
            if (!field.isAlias() && field.textField()) {
                // An alias does not carry its target's multi-fields, so only the field itself has .text.
                ObjectNode text = spec(field.name() + "." + TEXT_SUBFIELD, "text");
                ObjectNode subType = text.putObject("subType");
                subType.putObject("multi").put("parent", field.name());
                if (nestedPath != null) {
                    subType.putObject("nested").put("path", nestedPath);
                }
                specs.add(text);
            }
        }
        return specs;
    }

    private static Field target(DataType type, Field alias) {
        Field target = type.field(alias.aliasOf());
        if (target == null || target.isAlias()) {
            // Elasticsearch refuses both, so the schema could not be installed either.
            throw new IllegalStateException("Type '" + type.name() + "': alias '" + alias.name()
                    + "' must point to a mapped field, not '" + alias.aliasOf() + "'");
        }
        return target;
    }

    /** The closest enclosing nested field, which Kibana needs to query a field inside it; null when none. */
    private static String nestedPath(DataType type, String fieldName) {
        int dot = fieldName.lastIndexOf('.');
        while (dot > 0) {
            String prefix = fieldName.substring(0, dot);
            Field parent = type.field(prefix);
            if (parent != null && parent.type() == FieldType.NESTED) {
                return prefix;
            }
            dot = fieldName.lastIndexOf('.', dot - 1);
        }
        return null;
    }

    private static ObjectNode spec(String name, String esType) {
        boolean nested = esType.equals("nested");
        // As _field_caps reports them: text is not aggregatable, and a nested field itself
        // is neither searchable nor aggregatable (its sub-fields are).
        boolean searchable = !nested;
        boolean aggregatable = !nested && !esType.equals("text");
        ObjectNode spec = NODES.objectNode();
        spec.put("count", 0);
        spec.put("name", name);
        spec.put("type", kibanaType(esType));
        spec.putArray("esTypes").add(esType);
        spec.put("scripted", false);
        spec.put("searchable", searchable);
        spec.put("aggregatable", aggregatable);
        // Kibana reads aggregatable fields from doc values, except text (which has none).
        spec.put("readFromDocValues", aggregatable);
        return spec;
    }

    /** Kibana's name for an Elasticsearch type, as its castEsToKbnFieldTypeName maps them. */
    static String kibanaType(String esType) {
        // Kibana has no type of its own for flattened (nor for anything else new to it): "unknown".
        return switch (esType) {
            case "keyword", "text" -> "string";
            case "long", "integer", "short", "byte", "double", "float", "scaled_float" -> "number";
            case "date", "boolean", "ip", "geo_point", "nested" -> esType;
            default -> "unknown";
        };
    }
}
