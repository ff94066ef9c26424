package io.agent7.schema;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The partial updates that implement the state model (see {@link CommonFields}) without
 * scripts, which the minimal distribution lacks: one bulk {@code update} per item.
 */
public final class StateUpdates {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StateUpdates() {
    }

    /** Who sent an item: set by the server from the agent's credentials. */
    public record Source(String hostId, String hostName, String agentId) {
    }

    /**
     * The update of an item seen at {@code collectedAt}: {@code upsert} is the whole document
     * with {@code @timestamp} = collectedAt (first seen); {@code doc} is the same without
     * {@code @timestamp}, so an existing item keeps when it was first seen. Fields the
     * document lacks are written as null, so a value that disappeared on the host disappears
     * here too. With {@code detect_noop}, the same item at the same time writes nothing.
     */
    public static ObjectNode upsert(DataType type, ObjectNode document, Source source, String collectedAt) {
        ObjectNode doc = document.deepCopy();
        for (Field field : type.fields().values()) {
            if (!field.isAlias() && !type.insideNested(field) && Documents.get(doc, field.name()) == null) {
                Documents.set(doc, field.name(), NODES.nullNode());
            }
        }
        Documents.set(doc, CommonFields.HOST_ID, NODES.stringNode(source.hostId()));
        Documents.set(doc, CommonFields.HOST_NAME, NODES.stringNode(source.hostName()));
        Documents.set(doc, CommonFields.AGENT_ID, NODES.stringNode(source.agentId()));
        Documents.set(doc, CommonFields.TYPE, NODES.stringNode(type.name()));
        Documents.set(doc, CommonFields.LAST_SEEN, NODES.stringNode(collectedAt));
        Documents.set(doc, CommonFields.PRESENT, NODES.booleanNode(true));
        Documents.set(doc, CommonFields.REMOVED_AT, NODES.nullNode());
        ObjectNode upsert = doc.deepCopy();
        upsert.put(CommonFields.TIMESTAMP, collectedAt);
        ObjectNode body = NODES.objectNode();
        body.set("doc", doc);
        body.set("upsert", upsert);
        body.put("detect_noop", true);
        return body;
    }

    /** Marks an item gone at {@code collectedAt}. */
    public static ObjectNode removal(String collectedAt) {
        ObjectNode partial = NODES.objectNode();
        partial.putObject("agent7").put("present", false).put("removed_at", collectedAt);
        ObjectNode body = NODES.objectNode();
        body.set("doc", partial);
        body.put("detect_noop", true);
        return body;
    }
}
