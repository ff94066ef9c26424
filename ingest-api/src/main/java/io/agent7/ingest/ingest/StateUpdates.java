package io.agent7.ingest.ingest;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Documents;
import io.agent7.schema.Field;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.StoredDocument;
import io.agent7.schema.StoredLayout;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The partial updates that implement the state model (see {@link CommonFields}) without
 * scripts, which the minimal distribution lacks: one bulk {@code update} per item.
 */
public final class StateUpdates {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StateUpdates() {}

    /** Who sent an item: set by the server from the agent's credentials. */
    public record Source(String hostId, String hostName, String agentId) {}

    /**
     * The update of an item seen at {@code collectedAt}: {@code upsert} is the whole document
     * with {@code @timestamp} = collectedAt (first seen); {@code doc} is the same without
     * {@code @timestamp}, so an existing item keeps when it was first seen; the upsert also
     * holds {@code event.ingested} = {@code ingestedAt}, the server's clock when it first wrote
     * the item, which detection windows use. Fields the
     * document lacks are written as null, so a value that disappeared on the host disappears
     * here too. With {@code detect_noop}, the same item at the same time writes nothing.
     */
    public static ObjectNode upsert(
            DataType type, ObjectNode document, Source source, String collectedAt, String ingestedAt) {
        ObjectNode doc = document.deepCopy();
        complete(type, doc, source, collectedAt);
        ObjectNode upsert = NODES.objectNode();
        upsert.put(CommonFields.TIMESTAMP, collectedAt);
        // Dotted, as the bulk bytes write it: Elasticsearch reads it as event: {ingested}.
        upsert.put(CommonFields.INGESTED, ingestedAt);
        upsert.setAll(doc.deepCopy());
        ObjectNode body = NODES.objectNode();
        body.set("doc", doc);
        body.set("upsert", upsert);
        body.put("detect_noop", true);
        return body;
    }

    /**
     * The same update as {@link #upsert}, as the JSON bytes of a bulk action: see {@link Upserts},
     * which writes a batch's actions one after another and is what the ingest path uses.
     * {@code document} is left as it is.
     */
    public static byte[] upsertAction(
            DataType type, ObjectNode document, Source source, String collectedAt, String ingestedAt) {
        try (Upserts upserts = upserts(type, source, collectedAt, ingestedAt)) {
            return upserts.action(document);
        }
    }

    /** The writer of one batch's update actions: its type, sender and times. */
    public static Upserts upserts(DataType type, Source source, String collectedAt, String ingestedAt) {
        return new Upserts(type, source, collectedAt, ingestedAt);
    }

    /**
     * Writes the update actions of one batch (one type, one sender, one collection and ingest
     * time), the same bytes as serializing {@link #upsert}'s tree, straight from each document
     * and the type's shape. What is the same for every document of the batch is worked out once:
     * the server-owned fields, the upsert's time fields, the shape's names as encoded bytes and
     * the JSON of each group of fields as all nulls, which most documents lack whole (filling in
     * the nulls in a tree first cost a hash-map insertion per absent field, and writing them
     * name by name most of the update bodies' CPU). One generator and one buffer serve the
     * batch. Not thread-safe: one batch, one thread.
     */
    public static final class Upserts implements AutoCloseable {

        private final Node shape;
        private final Map<String, Object> owned;
        /** The type's slots, and the server-owned values in them, for slotted documents. */
        private final StoredLayout layout;

        private final JsonNode[] server;
        /** {@code ,"upsert":{"@timestamp":...,"event.ingested":...,}} up to the document's first field. */
        private final byte[] upsertHead;

        private final ByteArrayOutputStream completed = new ByteArrayOutputStream(2048);
        private final JsonGenerator generator = JsonTrees.unseparatedGenerator(completed);

        private Upserts(DataType type, Source source, String collectedAt, String ingestedAt) {
            this.shape = Shape.of(type).root;
            Map<String, JsonNode> server = serverValues(type, source, collectedAt);
            this.owned = nested(server);
            this.layout = StoredLayout.of(type);
            this.server = layout.serverValues(server);
            ByteArrayOutputStream head = new ByteArrayOutputStream(128);
            head.writeBytes(UPSERT);
            head.writeBytes(JsonTrees.bytes(NODES.stringNode(collectedAt)));
            head.writeBytes(INGESTED);
            head.writeBytes(JsonTrees.bytes(NODES.stringNode(ingestedAt)));
            head.write(',');
            this.upsertHead = head.toByteArray();
        }

        /** The update action of {@code document}, which is left as it is. */
        public byte[] action(ObjectNode document) {
            completed.reset();
            writeCompleted(generator, document, shape, owned);
            return action();
        }

        /**
         * The update action of a document in stored form: for a slotted one, the same update as
         * {@link #action(ObjectNode)} of its tree, with the fields in the type's order (the
         * layout's) rather than the document's.
         */
        public byte[] action(StoredDocument document) {
            if (!document.slotted()) {
                return action(document.tree());
            }
            completed.reset();
            layout.write(generator, document, server);
            return action();
        }

        /** The action around the completed document the generator wrote. */
        private byte[] action() {
            generator.flush();
            byte[] doc = completed.toByteArray(); // never "{}": the common fields are in it
            // {"doc":DOC,"upsert":{"@timestamp":T,"event.ingested":I,DOC-without-its-{,"detect_noop":true}
            byte[] action = new byte[DOC.length + doc.length + upsertHead.length + doc.length - 1 + NOOP.length];
            int at = 0;
            at = put(action, at, DOC, 0, DOC.length);
            at = put(action, at, doc, 0, doc.length);
            at = put(action, at, upsertHead, 0, upsertHead.length);
            at = put(action, at, doc, 1, doc.length - 1);
            put(action, at, NOOP, 0, NOOP.length);
            return action;
        }

        @Override
        public void close() {
            generator.close();
        }

        private static int put(byte[] to, int at, byte[] from, int offset, int length) {
            System.arraycopy(from, offset, to, at, length);
            return at + length;
        }
    }

    private static final byte[] DOC = "{\"doc\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPSERT =
            (",\"upsert\":{\"" + CommonFields.TIMESTAMP + "\":").getBytes(StandardCharsets.UTF_8);
    private static final byte[] INGESTED = (",\"" + CommonFields.INGESTED + "\":").getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOOP = ",\"detect_noop\":true}".getBytes(StandardCharsets.UTF_8);

    /** Nulls for the fields the item lacks, and the fields the server owns. */
    private static void complete(DataType type, ObjectNode doc, Source source, String collectedAt) {
        fillNulls(doc, Shape.of(type).fields);
        setAll(doc, serverOwned(type, source, collectedAt));
    }

    /**
     * Sets the fields the server owns on a document of {@code type} seen at {@code seenAt}
     * (host, agent, type, last seen, present), and leaves its other fields as they are: for a
     * document the server writes in parts, as check-ins write a host's.
     */
    public static void setServerOwned(ObjectNode document, DataType type, Source source, String seenAt) {
        setAll(document, serverOwned(type, source, seenAt));
    }

    /**
     * The fields the server owns, whatever the agent sent in their place, as a tree of
     * names: a leaf maps to its value, an object to its own map. The one list of them, for
     * the tree form ({@link #complete}) and the streamed one ({@link #writeCompleted}).
     */
    private static Map<String, Object> serverOwned(DataType type, Source source, String collectedAt) {
        return nested(serverValues(type, source, collectedAt));
    }

    /** The fields the server owns by their dotted names, in {@link StoredLayout#WRITTEN_BY_SERVER}'s order. */
    private static Map<String, JsonNode> serverValues(DataType type, Source source, String collectedAt) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put(CommonFields.HOST_ID, NODES.stringNode(source.hostId()));
        fields.put(CommonFields.HOST_NAME, NODES.stringNode(source.hostName()));
        fields.put(CommonFields.AGENT_ID, NODES.stringNode(source.agentId()));
        fields.put(CommonFields.TYPE, NODES.stringNode(type.name()));
        fields.put(CommonFields.LAST_SEEN, NODES.stringNode(collectedAt));
        fields.put(CommonFields.PRESENT, NODES.booleanNode(true));
        fields.put(CommonFields.REMOVED_AT, NODES.nullNode());
        return fields;
    }

    /** Dotted names' values as a tree of names: a leaf maps to its value, an object to its own map. */
    private static Map<String, Object> nested(Map<String, JsonNode> values) {
        Map<String, Object> tree = new LinkedHashMap<>();
        values.forEach((name, value) -> put(tree, name.split("\\."), value));
        return tree;
    }

    /** Sets {@code owned}'s values in {@code object}, making objects on the way where it has another value or none. */
    @SuppressWarnings("unchecked")
    private static void setAll(ObjectNode object, Map<String, Object> owned) {
        for (Map.Entry<String, Object> field : owned.entrySet()) {
            if (field.getValue() instanceof JsonNode value) {
                object.set(field.getKey(), value);
            } else {
                JsonNode child = object.get(field.getKey());
                if (child == null || !child.isObject()) {
                    child = object.putObject(field.getKey());
                }
                setAll((ObjectNode) child, (Map<String, Object>) field.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String[] path, JsonNode value) {
        Map<String, Object> node = tree;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = node.get(path[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(path[i], child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(path[path.length - 1], value);
    }

    /**
     * Writes {@code object} as {@link #complete} would leave it, without changing it: its own
     * properties in their order, with server-owned values in place of the agent's; then the
     * fields of {@code shape} it lacks, as nulls (objects of nulls for groups), in the shape's
     * order; then server-owned fields outside the shape. A property where the shape or the
     * server-owned fields expect an object but the document has another value becomes that
     * object, as {@link #fillNulls} and {@link #setAll} replace it.
     *
     * @param object the document's object here, or null where it has none
     * @param shape  the group of stored fields this object is, or null outside the schema
     * @param owned  the server-owned fields under this object, or null where there are none
     */
    @SuppressWarnings("unchecked")
    private static void writeCompleted(
            JsonGenerator generator, ObjectNode object, Node shape, Map<String, Object> owned) {
        generator.writeStartObject();
        // Which of the shape's fields the object has, by their index: a look-up of each of the
        // shape's fields in the object cost more than writing the whole object.
        boolean[] had = shape == null || object == null ? null : new boolean[shape.ordered.length];
        if (object != null) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                String name = property.getKey();
                JsonNode value = property.getValue();
                Node inShape = shape == null ? null : shape.fields.get(name);
                Object own = owned == null ? null : owned.get(name);
                if (inShape != null) {
                    had[inShape.index] = true;
                    generator.writeName(inShape.name);
                } else {
                    generator.writeName(name);
                }
                if (own instanceof JsonNode ownValue) {
                    JsonTrees.write(generator, ownValue);
                } else if ((inShape != null && inShape.group()) || own instanceof Map) {
                    writeCompleted(
                            generator,
                            value.isObject() ? (ObjectNode) value : null,
                            inShape != null && inShape.group() ? inShape : null,
                            (Map<String, Object>) own);
                } else {
                    JsonTrees.write(generator, value);
                }
            }
        }
        if (shape != null) {
            for (Node field : shape.ordered) {
                if (had != null && had[field.index]) {
                    continue;
                }
                Object own = owned == null ? null : owned.get(field.key);
                generator.writeName(field.name);
                if (own instanceof JsonNode ownValue) {
                    JsonTrees.write(generator, ownValue);
                } else if (own instanceof Map) {
                    writeCompleted(generator, null, field.group() ? field : null, (Map<String, Object>) own);
                } else if (field.group()) {
                    generator.writeRawValue(field.nulls); // what writing it field by field gives, written once
                } else {
                    generator.writeNull();
                }
            }
        }
        if (owned != null) {
            for (Map.Entry<String, Object> field : owned.entrySet()) {
                String name = field.getKey();
                if ((object != null && object.has(name)) || (shape != null && shape.fields.containsKey(name))) {
                    continue;
                }
                generator.writeName(name);
                if (field.getValue() instanceof JsonNode ownValue) {
                    JsonTrees.write(generator, ownValue);
                } else {
                    writeCompleted(generator, null, null, (Map<String, Object>) field.getValue());
                }
            }
        }
        generator.writeEndObject();
    }

    /**
     * A stored field of a type, or a group of them: its name as the generator writes it and,
     * for a group, its fields in the schema's order and its JSON with every field null.
     */
    private static final class Node {

        final String key;
        /** Its place among its group's fields. */
        final int index;

        final SerializedString name;
        /** The group's fields by name, in the schema's order; null for a leaf. */
        final Map<String, Node> fields;
        /** The same fields in an array, each at its index; null for a leaf. */
        final Node[] ordered;
        /** The group with every field null ({"a":null,"b":{"c":null}}); null for a leaf. */
        final SerializedString nulls;

        private Node(String key, int index, Map<String, Node> fields) {
            this.key = key;
            this.index = index;
            this.name = new SerializedString(key);
            this.fields = fields;
            this.ordered = fields == null ? null : fields.values().toArray(new Node[0]);
            this.nulls = fields == null ? null : new SerializedString(allNull(fields));
        }

        boolean group() {
            return fields != null;
        }

        /** The node of a shape tree ({@link Shape#fields}): leaves map to TRUE, groups to their maps. */
        @SuppressWarnings("unchecked")
        static Node of(String key, int index, Object shape) {
            if (!(shape instanceof Map)) {
                return new Node(key, index, null);
            }
            Map<String, Node> fields = new LinkedHashMap<>();
            ((Map<String, Object>) shape).forEach((name, child) -> fields.put(name, of(name, fields.size(), child)));
            return new Node(key, index, fields);
        }

        private static String allNull(Map<String, Node> fields) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try (JsonGenerator generator = JsonTrees.generator(out)) {
                generator.writeStartObject();
                for (Node field : fields.values()) {
                    generator.writeName(field.name);
                    if (field.group()) {
                        generator.writeRawValue(field.nulls);
                    } else {
                        generator.writeNull();
                    }
                }
                generator.writeEndObject();
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    // The paths a removal writes, split once.
    private static final String[] PRESENT = CommonFields.PRESENT.split("\\.");
    private static final String[] REMOVED_AT = CommonFields.REMOVED_AT.split("\\.");

    private static void fillNulls(ObjectNode object, Map<String, Object> shape) {
        for (Map.Entry<String, Object> entry : shape.entrySet()) {
            JsonNode child = object.get(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> inner) {
                if (child == null || !child.isObject()) {
                    child = object.putObject(entry.getKey());
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> innerShape = (Map<String, Object>) inner;
                fillNulls((ObjectNode) child, innerShape);
            } else if (child == null) {
                object.putNull(entry.getKey());
            }
        }
    }

    /**
     * A type's stored fields as a tree of names (a leaf maps to {@code Boolean.TRUE}, an
     * object to its own map): what the null filling walks, computed once per type.
     * Aliases and the sub-fields of nested arrays are not stored fields of the document.
     */
    private record Shape(DataType type, Map<String, Object> fields, Node root) {

        private static final Map<String, Shape> BY_NAME = new ConcurrentHashMap<>();

        static Shape of(DataType type) {
            Shape shape = BY_NAME.get(type.name());
            if (shape == null || shape.type != type) { // another schema's type of that name: rare, tests
                Map<String, Object> fields = build(type);
                shape = new Shape(type, fields, Node.of("", 0, fields));
                BY_NAME.put(type.name(), shape);
            }
            return shape;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> build(DataType type) {
            Map<String, Object> root = new LinkedHashMap<>();
            for (Field field : type.fields().values()) {
                if (field.isAlias() || type.insideNested(field)) {
                    continue;
                }
                Map<String, Object> node = root;
                String[] parts = field.name().split("\\.");
                for (int i = 0; i < parts.length - 1; i++) {
                    node = (Map<String, Object>)
                            node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                }
                node.putIfAbsent(parts[parts.length - 1], Boolean.TRUE);
            }
            return root;
        }
    }

    /** Marks an item gone at {@code collectedAt}. */
    public static ObjectNode removal(String collectedAt) {
        ObjectNode partial = NODES.objectNode();
        Documents.set(partial, PRESENT, NODES.booleanNode(false));
        Documents.set(partial, REMOVED_AT, NODES.stringNode(collectedAt));
        ObjectNode body = NODES.objectNode();
        body.set("doc", partial);
        body.put("detect_noop", true);
        return body;
    }
}
