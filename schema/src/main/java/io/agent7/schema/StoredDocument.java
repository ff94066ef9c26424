package io.agent7.schema;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A document of one type in stored form, as the ingest path carries it from the line it was
 * read from to its update: in the slots of its type's {@link StoredLayout} when the document
 * was read in one pass (no tree is built), or as the normalised tree otherwise (a document the
 * fast path left to the tree methods, or one of a type whose layout has no slots). Its fields
 * are read and set by name either way. Not thread-safe.
 */
public final class StoredDocument {

    private final StoredLayout layout;
    private JsonNode[] values;
    private ObjectNode tree;

    private StoredDocument(StoredLayout layout, JsonNode[] values, ObjectNode tree) {
        this.layout = layout;
        this.values = values;
        this.tree = tree;
    }

    /** An empty document of the layout's type, in slots. */
    static StoredDocument empty(StoredLayout layout) {
        return new StoredDocument(layout, new JsonNode[layout.size()], null);
    }

    /**
     * {@code stored}, a document in the stored form of {@code type} (as {@link
     * DocumentNormalizer#normalize} makes it), in slots when each of its fields has one, else
     * as the tree itself (taken, not copied).
     */
    public static StoredDocument of(DataType type, ObjectNode stored) {
        StoredLayout layout = StoredLayout.of(type);
        if (layout.slotted()) {
            StoredDocument document = empty(layout);
            if (fill(document, stored, "")) {
                return document;
            }
        }
        return new StoredDocument(layout, null, stored);
    }

    /** {@code stored} as a tree, never slotted: for callers that read the documents back as trees. */
    public static StoredDocument tree(DataType type, ObjectNode stored) {
        return new StoredDocument(StoredLayout.of(type), null, stored);
    }

    private static boolean fill(StoredDocument document, JsonNode object, String prefix) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String path = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            int slot = document.layout.slot(path);
            if (slot >= 0) {
                document.values[slot] = property.getValue().isNull() ? null : property.getValue();
            } else if (!property.getValue().isObject() || !fill(document, property.getValue(), path)) {
                return false;
            }
        }
        return true;
    }

    public StoredLayout layout() {
        return layout;
    }

    public DataType type() {
        return layout.type();
    }

    /** Whether the values are in slots; false when the document is a tree ({@link #tree}). */
    public boolean slotted() {
        return values != null;
    }

    /** The tree, for a document that is one; null for a slotted one. */
    public ObjectNode tree() {
        return tree;
    }

    JsonNode[] values() {
        return values;
    }

    /** The value of stored field {@code name} (a dotted path), or null when the document has none. */
    public JsonNode get(String name) {
        if (values == null) {
            return Documents.get(tree, name.split("\\."));
        }
        int slot = layout.slot(name);
        return slot < 0 ? null : values[slot];
    }

    /** Sets stored field {@code name}; a slotted document refuses a name that is not one of its type's fields. */
    public void set(String name, JsonNode value) {
        if (values == null) {
            Documents.set(tree, name, value);
            return;
        }
        int slot = layout.slot(name);
        if (slot < 0) {
            throw new IllegalArgumentException("'" + name + "' is not a stored field of '" + type().name() + "'");
        }
        values[slot] = value == null || value.isNull() ? null : value;
    }

    /**
     * Takes {@code stored}, a whole document in stored form, in place of what this one held:
     * in slots when each of its fields has one, else as the tree.
     */
    public void replace(ObjectNode stored) {
        StoredDocument replacement = of(type(), stored);
        this.values = replacement.values;
        this.tree = replacement.tree;
    }

    void put(int slot, JsonNode value) {
        values[slot] = value;
    }

    /** The document as a stored-form tree: the tree itself, or a new one from the slots. */
    public ObjectNode toTree() {
        if (values == null) {
            return tree;
        }
        ObjectNode out = Documents.object();
        layout.forEachSlot((name, slot) -> {
            if (values[slot] != null) {
                Documents.set(out, name, values[slot]);
            }
        });
        return out;
    }
}
