package io.agent7.schema;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjIntConsumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;

/**
 * Where each stored field of a type sits in its written document, worked out once per type:
 * the objects (groups) and fields in the order they are written, and a slot per field. A
 * {@link StoredDocument} holds its values in these slots, so a document read from a stream
 * needs no tree: the normaliser puts each value in its slot, and {@link #write} writes the
 * whole stored form (every field of the type, null where the document has none) in one walk.
 *
 * <p>The fields, in order: the type's own stored fields (not aliases, not the sub-fields of
 * nested arrays), then the server-owned fields the update writes ({@link #WRITTEN_BY_SERVER}),
 * then the other common fields, which are written only when a document has them (as the tree
 * form does: they are not part of the type's shape).
 */
public final class StoredLayout {

    /**
     * The server-owned fields an update writes into every document; the server sets them
     * (host, agent, type, last seen, present, removed at). {@code @timestamp} and {@code
     * event.ingested} are the upsert's alone, and are not slots.
     */
    public static final List<String> WRITTEN_BY_SERVER = List.of(
            CommonFields.HOST_ID,
            CommonFields.HOST_NAME,
            CommonFields.AGENT_ID,
            CommonFields.TYPE,
            CommonFields.LAST_SEEN,
            CommonFields.PRESENT,
            CommonFields.REMOVED_AT);

    private static final Map<String, StoredLayout> BY_NAME = new ConcurrentHashMap<>();

    private enum Kind {
        /** A field of the type: null when the document lacks it. */
        TYPE,
        /** Set by the server for every document. */
        SERVER,
        /** A common field outside the type's shape: written only when present. */
        EXTRA
    }

    private final DataType type;
    private final Map<String, Integer> slots = new HashMap<>();
    private final Group root;
    /** Each slot's field name. */
    private final String[] names;

    private StoredLayout(DataType type) {
        this.type = type;
        Map<String, Object> tree = new LinkedHashMap<>();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Field field : type.fields().values()) {
            if (!field.isAlias() && !type.insideNested(field)) {
                kinds.putIfAbsent(field.name(), Kind.TYPE);
            }
        }
        for (String name : WRITTEN_BY_SERVER) {
            kinds.put(name, Kind.SERVER); // the server's value, wherever the type declares it
        }
        for (Field field : CommonFields.ALL.values()) {
            if (!CommonFields.SERVER_OWNED.contains(field.name())) {
                kinds.putIfAbsent(field.name(), Kind.EXTRA);
            }
        }
        boolean treeOnly = false;
        for (Map.Entry<String, Kind> field : kinds.entrySet()) {
            treeOnly |= !place(tree, field.getKey().split("\\."), field.getValue());
        }
        List<Member> leaves = new ArrayList<>();
        this.root = treeOnly ? null : Group.of("", tree, leaves);
        this.names = new String[leaves.size()];
        for (Member leaf : leaves) {
            slots.put(leaf.path, leaf.slot);
            names[leaf.slot] = leaf.path;
        }
    }

    /** The layout of {@code type}'s documents, computed once per type. */
    public static StoredLayout of(DataType type) {
        StoredLayout layout = BY_NAME.get(type.name());
        if (layout == null || layout.type != type) { // another schema's type of that name: rare, tests
            layout = new StoredLayout(type);
            BY_NAME.put(type.name(), layout);
        }
        return layout;
    }

    public DataType type() {
        return type;
    }

    /**
     * False for a type whose fields do not make one tree (a name that is both a field and an
     * object of fields): its documents stay trees.
     */
    public boolean slotted() {
        return root != null;
    }

    /** The slot of stored field {@code name}, or -1 when it has none. */
    public int slot(String name) {
        Integer slot = slots.get(name);
        return slot == null ? -1 : slot;
    }

    int size() {
        return names.length;
    }

    /** Visits each slot with its field's name. */
    void forEachSlot(ObjIntConsumer<String> visitor) {
        for (int slot = 0; slot < names.length; slot++) {
            visitor.accept(names[slot], slot);
        }
    }

    /**
     * An array with the server's value of each field in {@link #WRITTEN_BY_SERVER}, in its slot,
     * for {@link #write}; {@code values} maps those names to their values.
     */
    public JsonNode[] serverValues(Map<String, JsonNode> values) {
        JsonNode[] server = new JsonNode[names.length];
        for (String name : WRITTEN_BY_SERVER) {
            int slot = slot(name);
            if (slot >= 0) {
                server[slot] = values.get(name);
            }
        }
        return server;
    }

    /**
     * Writes {@code document}'s stored form as one JSON object: each field of the type, with
     * the document's value or null; the server's fields with {@code server}'s values (see
     * {@link #serverValues}); other common fields where the document has them. An object the
     * document has nothing in is written from bytes made once.
     */
    public void write(JsonGenerator generator, StoredDocument document, JsonNode[] server) {
        if (document.layout() != this || !document.slotted()) {
            throw new IllegalArgumentException("not a slotted document of '" + type.name() + "'");
        }
        write(generator, root, document.values(), server);
    }

    private static void write(JsonGenerator generator, Group group, JsonNode[] values, JsonNode[] server) {
        generator.writeStartObject();
        for (Member member : group.members) {
            if (member.group != null) {
                Group inner = member.group;
                if (inner.hasServerFields || !empty(values, inner.from, inner.to)) {
                    generator.writeName(member.name);
                    write(generator, inner, values, server);
                } else if (inner.nulls != null) {
                    generator.writeName(member.name);
                    generator.writeRawValue(inner.nulls);
                }
                continue;
            }
            JsonNode value = member.kind == Kind.SERVER ? server[member.slot] : values[member.slot];
            if (value == null && member.kind == Kind.EXTRA) {
                continue;
            }
            generator.writeName(member.name);
            if (value == null) {
                generator.writeNull();
            } else {
                JsonTrees.write(generator, value);
            }
        }
        generator.writeEndObject();
    }

    private static boolean empty(JsonNode[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (values[i] != null) {
                return false;
            }
        }
        return true;
    }

    /** Adds a field to the tree of names; false when the name clashes with another field's object. */
    @SuppressWarnings("unchecked")
    private static boolean place(Map<String, Object> tree, String[] path, Kind kind) {
        Map<String, Object> node = tree;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map)) {
                return false;
            }
            node = (Map<String, Object>) child;
        }
        Object existing = node.putIfAbsent(path[path.length - 1], kind);
        return existing == null || existing instanceof Kind;
    }

    /** A field (a slot) or an object of fields, as a member of its object. */
    private record Member(SerializedString name, String path, Kind kind, int slot, Group group) {}

    /**
     * An object of fields: its members in order, the range of slots of every field under it
     * (slots are numbered depth first), and its JSON with every field null when no server field
     * is under it (null when it would not be written at all: only common fields outside the
     * shape are under it).
     */
    private record Group(Member[] members, int from, int to, boolean hasServerFields, SerializedString nulls) {

        @SuppressWarnings("unchecked")
        static Group of(String prefix, Map<String, Object> tree, List<Member> leaves) {
            int from = leaves.size();
            List<Member> members = new ArrayList<>();
            boolean server = false;
            boolean written = false;
            for (Map.Entry<String, Object> entry : tree.entrySet()) {
                String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
                SerializedString name = new SerializedString(entry.getKey());
                if (entry.getValue() instanceof Map) {
                    Group group = of(path, (Map<String, Object>) entry.getValue(), leaves);
                    server |= group.hasServerFields;
                    written |= group.nulls != null || group.hasServerFields;
                    members.add(new Member(name, path, null, -1, group));
                } else {
                    Kind kind = (Kind) entry.getValue();
                    Member leaf = new Member(name, path, kind, leaves.size(), null);
                    leaves.add(leaf);
                    server |= kind == Kind.SERVER;
                    written |= kind != Kind.EXTRA;
                    members.add(leaf);
                }
            }
            Member[] array = members.toArray(new Member[0]);
            SerializedString nulls = server || !written ? null : new SerializedString(allNull(array));
            return new Group(array, from, leaves.size(), server, nulls);
        }

        private static String allNull(Member[] members) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try (JsonGenerator generator = JsonTrees.generator(out)) {
                generator.writeStartObject();
                for (Member member : members) {
                    if (member.group != null && member.group.nulls != null) {
                        generator.writeName(member.name);
                        generator.writeRawValue(member.group.nulls);
                    } else if (member.group == null && member.kind == Kind.TYPE) {
                        generator.writeName(member.name);
                        generator.writeNull();
                    }
                }
                generator.writeEndObject();
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
