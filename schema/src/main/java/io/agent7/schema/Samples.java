package io.agent7.schema;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sample document per type, with a value of the right type in every field: what the
 * template tests index, and what documentation shows. Values differ by field name, so two
 * types' samples never look alike by accident.
 */
public final class Samples {

    public static final String SAMPLE_TIME = "2026-11-28T12:00:00.000Z";

    private Samples() {}

    /**
     * Every field of the type (not the common ones), as an agent would send it: without the
     * join keys, which the server computes ({@link DocumentNormalizer#normalize(tools.jackson.databind.JsonNode,
     * String)} adds them).
     */
    public static ObjectNode of(DataType type) {
        ObjectNode document = Documents.object();
        for (Field field : type.fields().values()) {
            if (field.isAlias() || type.insideNested(field) || field.name().startsWith(CommonFields.JOIN_KEYS + ".")) {
                continue;
            }
            Documents.set(document, field.name(), value(type, field));
        }
        return document;
    }

    private static tools.jackson.databind.JsonNode value(DataType type, Field field) {
        var nodes = Documents.object();
        String leaf = field.name().substring(field.name().lastIndexOf('.') + 1);
        int seed = Math.floorMod(field.name().hashCode(), 1000);
        return switch (field.type()) {
            case KEYWORD -> nodes.stringNode((field.caseInsensitive() ? "Sample-" : "sample-") + leaf);
            case TEXT -> nodes.stringNode("sample " + leaf + " text");
            case DATE -> nodes.stringNode(SAMPLE_TIME);
            case LONG, INTEGER -> nodes.numberNode(1000 + seed);
            case SHORT -> nodes.numberNode((short) seed);
            case BYTE -> nodes.numberNode((byte) (seed % 100));
            case DOUBLE, FLOAT -> nodes.numberNode(seed / 1000.0);
            case BOOLEAN -> nodes.booleanNode(seed % 2 == 0);
            case IP ->
                nodes.stringNode(
                        seed % 2 == 0 ? "10.0." + (seed % 250) + ".7" : "2001:db8::" + Integer.toHexString(seed));
            case GEO_POINT -> nodes.objectNode().put("lat", 52.37).put("lon", 4.89);
            case FLATTENED, OBJECT -> nodes.objectNode().put("sample", leaf);
            case NESTED -> {
                ArrayNode array = nodes.arrayNode();
                ObjectNode element = array.addObject();
                List<Field> children = type.childrenOf(field.name());
                for (Field child : children) {
                    String relative = child.name().substring(field.name().length() + 1);
                    Documents.set(element, relative, value(type, child));
                }
                yield array;
            }
            case ALIAS -> throw new IllegalArgumentException("aliases are never written: " + field.name());
        };
    }
}
