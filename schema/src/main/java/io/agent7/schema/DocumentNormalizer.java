package io.agent7.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what an agent sent for one data type into the stored form: nested objects, only
 * the type's own fields, every value checked and normalised (see {@link Values}). The
 * fields the server owns ({@link CommonFields#SERVER_OWNED}) are left out: the server sets
 * them from the agent's credentials and its own clock. So are the type's join keys
 * ({@link JoinKey}), whatever the agent sent in them: {@link #normalize(JsonNode, String)}
 * computes them from the document's own fields. An agent's value is dropped and replaced,
 * as its {@code host.id} or {@code agent7.present} is (docs/AGENT-PROTOCOL.md: the server
 * sets {@code agent7.*}), rather than refused: refusing would fail the whole batch over a
 * field the server writes anyway.
 */
public final class DocumentNormalizer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DataType type;
    /** What each key means at the top level of a document; see {@link Step}. */
    private final Map<String, Step> root;
    /** Identity fields the agent must send, with their paths. */
    private final List<Step> identity = new ArrayList<>();
    /** The type's join keys, with their paths split once. */
    private final List<KeyPaths> joinKeys = new ArrayList<>();

    /** Where a join key goes, and where its parts come from (null: the host's id, from the server). */
    private record KeyPaths(JoinKey key, String[] path, String[][] parts) {}

    /**
     * What a key means at one level of a document, worked out once per type so that a
     * document's walk builds no names: the field it names (if any), and the keys one level
     * down when it is an object on the way to fields. A key may be dotted ({@code
     * "process.pid"} at the top level means the same as {@code "pid"} inside {@code "process"}).
     */
    private record Step(
            String name, String[] path, Field field, boolean serverOwned, Map<String, Step> children, int slot) {}

    /** Where {@link #readStored} puts each value. */
    private final StoredLayout layout;
    /** The domain key's path, split once; null for a host's type. */
    private final String[] domainKeyPath;

    /** @param joinKeys the type's join keys, whose fields are among the type's own */
    DocumentNormalizer(DataType type, List<JoinKey> joinKeys) {
        this.type = type;
        this.layout = StoredLayout.of(type);
        this.domainKeyPath = type.domainScoped() ? type.domainKey().split("\\.") : null;
        Set<String> keyFields = new HashSet<>();
        for (JoinKey key : joinKeys) {
            keyFields.add(key.field());
            String[][] parts = new String[key.parts().size()][];
            for (int i = 0; i < parts.length; i++) {
                String field = key.parts().get(i).field();
                parts[i] = field.equals(CommonFields.HOST_ID) ? null : field.split("\\.");
            }
            this.joinKeys.add(new KeyPaths(key, key.field().split("\\."), parts));
        }
        Set<String> objectPaths = new HashSet<>();
        for (String name : type.allFields().keySet()) {
            int dot = name.indexOf('.');
            while (dot > 0) {
                objectPaths.add(name.substring(0, dot));
                dot = name.indexOf('.', dot + 1);
            }
        }
        Set<String> names = new LinkedHashSet<>(type.allFields().keySet());
        names.addAll(objectPaths);
        Map<String, Step> byName = new HashMap<>();
        for (String name : names) {
            Field field = type.field(name);
            byName.put(
                    name,
                    new Step(
                            name,
                            name.split("\\."),
                            field,
                            field != null && (CommonFields.SERVER_OWNED.contains(name) || keyFields.contains(name)),
                            objectPaths.contains(name) ? new HashMap<>() : null,
                            layout.slot(name)));
        }
        root = new HashMap<>();
        for (Step step : byName.values()) {
            // Reachable from the top and from every object on its path, by the rest of its name.
            root.put(step.name(), step);
            int dot = step.name().indexOf('.');
            while (dot > 0) {
                byName.get(step.name().substring(0, dot))
                        .children()
                        .put(step.name().substring(dot + 1), step);
                dot = step.name().indexOf('.', dot + 1);
            }
        }
        for (String id : type.identity()) {
            if (!CommonFields.SERVER_OWNED.contains(id)) {
                identity.add(byName.get(id));
            }
        }
    }

    public DataType type() {
        return type;
    }

    /**
     * The stored form of {@code raw}, as sent by the agent of host {@code hostId}: what
     * {@link #normalize(JsonNode)} makes of it, with the type's join keys computed from it
     * and the host id. What the ingest API writes.
     *
     * @throws InvalidDocumentException as {@link #normalize(JsonNode)} does, or when a
     *         document's values would make too many join keys
     */
    public ObjectNode normalize(JsonNode raw, String hostId) {
        Objects.requireNonNull(hostId, "hostId");
        ObjectNode out = normalize(raw);
        addJoinKeys(out, hostId);
        return out;
    }

    private void addJoinKeys(ObjectNode out, String hostId) {
        addJoinKeys(
                (name, path) -> Documents.get(out, path),
                (key, value) -> Documents.set(out, key.path(), value),
                hostId);
    }

    /** How the identity and join-key checks read a field of the document: by name, or by its split path. */
    private interface Lookup {
        JsonNode get(String name, String[] path);
    }

    private void addJoinKeys(Lookup document, BiConsumer<KeyPaths, JsonNode> set, String hostId) {
        for (KeyPaths key : joinKeys) {
            List<JsonNode> parts = new ArrayList<>(key.parts().length);
            for (int i = 0; i < key.parts().length; i++) {
                String[] part = key.parts()[i];
                parts.add(
                        part == null
                                ? NODES.stringNode(hostId)
                                : document.get(key.key().parts().get(i).field(), part));
            }
            List<String> values = key.key().valuesOf(parts);
            if (values.size() == 1) {
                set.accept(key, NODES.stringNode(values.get(0)));
            } else if (!values.isEmpty()) {
                ArrayNode array = NODES.arrayNode(values.size());
                values.forEach(array::add);
                set.accept(key, array);
            }
        }
    }

    /**
     * The stored form of {@code raw} without the join keys, which need the host's id: what
     * an agent may send, checked. The ingest API writes {@link #normalize(JsonNode, String)}.
     *
     * @throws InvalidDocumentException naming the first field that is unknown, of the wrong
     *         type, an identity field that is missing or holds several values, or a domain
     *         type's domain key that is missing
     */
    public ObjectNode normalize(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            throw new InvalidDocumentException(null, "a document must be a JSON object");
        }
        ObjectNode out = Documents.object();
        walk("", root, raw, out);
        checkIdentity(out);
        return out;
    }

    /** Refuses a document without its identity (or domain) fields, or with several values in one. */
    private void checkIdentity(ObjectNode out) {
        checkIdentity((name, path) -> Documents.get(out, path));
    }

    private void checkIdentity(Lookup document) {
        for (Step id : identity) {
            JsonNode value = document.get(id.name(), id.path());
            if ((value == null || value.isNull()) && !type.optionalIdentity().contains(id.name())) {
                throw new InvalidDocumentException(
                        id.name(), "is an identity field of '" + type.name() + "' and must be set");
            }
            if (value != null && value.isArray()) {
                throw new InvalidDocumentException(
                        id.name(), "is an identity field of '" + type.name() + "' and takes one value");
            }
        }
        if (type.domainScoped()) {
            JsonNode domain = document.get(type.domainKey(), domainKeyPath);
            if (domain == null || !domain.isString() || domain.asString().isBlank()) {
                throw new InvalidDocumentException(
                        type.domainKey(),
                        "names the domain a '" + type.name() + "' document belongs to and must be set");
            }
        }
    }

    /**
     * The stored form of the document at {@code parser}'s current token, read in one pass
     * without a tree of what was sent: what {@link #normalize(JsonNode, String)} makes of it
     * (with the join keys when {@code joinKeys}, for an upsert) or {@link #normalize(JsonNode)}
     * (without, for a removal). Leaves the parser on the document's last token.
     *
     * <p>A fast path for documents that are valid: it throws at the first thing the tree form
     * would refuse, or that it cannot tell from the tree form's answer without the whole
     * document, such as a {@code host.id} that is not {@code hostId}. Read such a document
     * again with the tree methods for the error to report. The parser must refuse repeated
     * names (strict duplicate detection): with them the tree keeps only the last value, where
     * a stream would merge them.
     *
     * @throws InvalidDocumentException as the tree methods do, and for another host's id
     * @throws JacksonException when the JSON is not valid
     */
    public ObjectNode read(JsonParser parser, String hostId, boolean joinKeys) {
        Objects.requireNonNull(hostId, "hostId");
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidDocumentException(null, "a document must be a JSON object");
        }
        ObjectNode out = Documents.object();
        stream("", root, parser, (step, value) -> Documents.set(out, step.path(), value), hostId);
        checkIdentity(out);
        if (joinKeys) {
            addJoinKeys(out, hostId);
        }
        return out;
    }

    /**
     * What {@link #read} makes of the document at {@code parser}'s current token, in the slots
     * of the type's {@link StoredLayout} rather than a tree: the ingest API's fast path, whose
     * update is written straight from the slots. Throws where {@link #read} throws, and also
     * for a field without a slot (an alias, or a field of a type whose layout has no slots):
     * read such a document again with the tree methods, and {@link StoredDocument#of} keeps it.
     */
    public StoredDocument readStored(JsonParser parser, String hostId, boolean joinKeys) {
        Objects.requireNonNull(hostId, "hostId");
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidDocumentException(null, "a document must be a JSON object");
        }
        if (!layout.slotted()) {
            throw new InvalidDocumentException(null, "'" + type.name() + "' documents are read as trees");
        }
        StoredDocument out = StoredDocument.empty(layout);
        stream("", root, parser, (step, value) -> out.put(slotOf(step), value), hostId);
        Lookup slots = (name, path) -> out.get(name);
        checkIdentity(slots);
        if (joinKeys) {
            addJoinKeys(slots, (key, value) -> out.put(slot(key.key().field()), value), hostId);
        }
        return out;
    }

    private int slot(String name) {
        int slot = layout.slot(name);
        if (slot < 0) {
            throw new InvalidDocumentException(name, "has no slot in the stored layout");
        }
        return slot;
    }

    private static int slotOf(Step step) {
        if (step.slot() < 0) {
            throw new InvalidDocumentException(step.name(), "has no slot in the stored layout");
        }
        return step.slot();
    }

    /**
     * {@link #walk} over a stream: the parser is on an object's start, and is left on its end.
     * Each value goes to {@code out}, with the step of the field it is stored in.
     */
    private void stream(
            String prefix, Map<String, Step> level, JsonParser parser, BiConsumer<Step, JsonNode> out, String hostId) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            Step step = level.get(key);
            JsonToken token = parser.nextToken();
            Field field = step == null ? null : step.field();
            if (field != null && field.type() == FieldType.NESTED && token == JsonToken.START_ARRAY) {
                out.accept(step, nestedArray(step, JsonTrees.readValue(parser)));
            } else if (field != null && !step.serverOwned()) {
                JsonNode normalized = Values.normalize(field, JsonTrees.readValue(parser));
                if (!normalized.isNull()) {
                    out.accept(step, normalized);
                }
            } else if (field != null) {
                if (step.name().equals(CommonFields.HOST_ID)
                        && token != JsonToken.VALUE_NULL
                        && !(token == JsonToken.VALUE_STRING
                                && parser.getString().equals(hostId))) {
                    throw new InvalidDocumentException(CommonFields.HOST_ID, "names another host");
                }
                parser.skipChildren();
            } else if (step != null && step.children() != null && token == JsonToken.START_OBJECT) {
                stream(step.name(), step.children(), parser, out, hostId);
            } else if (step != null && step.children() != null && token == JsonToken.VALUE_NULL) {
                continue;
            } else {
                String name = prefix.isEmpty() ? key : prefix + "." + key;
                throw new InvalidDocumentException(name, "is not a field of '" + type.name() + "'");
            }
        }
    }

    /** Each element of a nested array is a small document of the nested field's declared sub-fields. */
    private ArrayNode nestedArray(Step nested, JsonNode array) {
        ArrayNode elements = Documents.object().arrayNode(array.size());
        for (JsonNode element : array) {
            if (!element.isObject()) {
                throw new InvalidDocumentException(
                        nested.name(), "expected an array of objects, found " + Values.describe(element));
            }
            ObjectNode full = Documents.object();
            walk(nested.name(), nested.children() == null ? Map.of() : nested.children(), element, full);
            JsonNode inner = Documents.get(full, nested.path());
            elements.add(inner == null ? Documents.object() : inner);
        }
        return elements;
    }

    private void walk(String prefix, Map<String, Step> level, JsonNode node, ObjectNode out) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Step step = level.get(entry.getKey());
            JsonNode value = entry.getValue();
            Field field = step == null ? null : step.field();
            if (field != null && field.type() == FieldType.NESTED && value.isArray()) {
                Documents.set(out, step.path(), nestedArray(step, value));
            } else if (field != null && !step.serverOwned()) {
                JsonNode normalized = Values.normalize(field, value);
                if (!normalized.isNull()) {
                    Documents.set(out, step.path(), normalized);
                }
            } else if (field != null) {
                continue;
            } else if (step != null && step.children() != null && value.isObject()) {
                walk(step.name(), step.children(), value, out);
            } else if (step != null && step.children() != null && value.isNull()) {
                continue;
            } else {
                String name = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
                throw new InvalidDocumentException(name, "is not a field of '" + type.name() + "'");
            }
        }
    }
}
