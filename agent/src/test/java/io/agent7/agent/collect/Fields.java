package io.agent7.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.Documents;
import io.agent7.schema.FieldsByOs;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads collected documents by dotted field name, for assertions, and checks them as the server
 * would: the Linux and the Windows collectors' tests alike.
 */
public final class Fields {

    /** type, field, OS families: what the conformance checks of each OS's collector tests saw filled. */
    private static final Map<String, Map<String, Set<String>>> SEEN = new ConcurrentHashMap<>();

    private Fields() {}

    public static String text(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asString();
    }

    public static Long number(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asLong();
    }

    public static Double decimal(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asDouble();
    }

    public static Boolean bool(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asBoolean();
    }

    public static List<String> texts(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        List<String> values = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(v -> values.add(v.asString()));
        } else if (value != null && !value.isNull()) {
            values.add(value.asString());
        }
        return values;
    }

    public static boolean has(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value != null && !value.isNull();
    }

    /** The one document whose field has the value; fails when there is none or several. */
    public static ObjectNode only(List<ObjectNode> docs, String path, String value) {
        List<ObjectNode> found = all(docs, path, value);
        if (found.size() != 1) {
            throw new NoSuchElementException(found.size() + " documents with " + path + "=" + value + " in " + docs);
        }
        return found.get(0);
    }

    public static List<ObjectNode> all(List<ObjectNode> docs, String path, String value) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode doc : docs) {
            if (value.equals(text(doc, path))) {
                found.add(doc);
            }
        }
        return found;
    }

    public static List<String> column(List<ObjectNode> docs, String path) {
        List<String> values = new ArrayList<>();
        for (ObjectNode doc : docs) {
            values.add(text(doc, path));
        }
        return values;
    }

    /**
     * Every document is already in the stored form the server's normaliser gives, has only its
     * type's own fields and none the server sets, and no two are the same item.
     */
    public static void assertConforms(String typeName, List<ObjectNode> docs) {
        DataType type = Schema.standard().require(typeName);
        assertThat(docs).as(typeName + " documents").isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (ObjectNode doc : docs) {
            assertConforms(typeName, doc);
            assertThat(ids.add(DocumentIds.of("h", type, doc)))
                    .as(typeName + ": one document per item: " + doc)
                    .isTrue();
        }
    }

    /** The document is in stored form and has only its type's own fields, none the server sets. */
    public static void assertConforms(String typeName, ObjectNode doc) {
        DataType type = Schema.standard().require(typeName);
        assertThat(Schema.standard().normalizer(type).normalize(doc))
                .as(typeName + ": already in stored form: " + doc)
                .isEqualTo(doc);
        List<String> fields = new ArrayList<>();
        Documents.forEachLeaf(doc, (name, value) -> fields.add(name));
        assertThat(fields)
                .as(typeName + ": only the type's own fields: " + doc)
                .allMatch(type.fields()::containsKey)
                .noneMatch(CommonFields.SERVER_OWNED::contains);
        String family = osFamilyOfCaller();
        if (family != null) {
            Documents.forEachLeaf(doc, (name, value) -> {
                if (!value.isNull()) {
                    SEEN.computeIfAbsent(typeName, t -> new ConcurrentHashMap<>())
                            .computeIfAbsent(name, f -> ConcurrentHashMap.newKeySet())
                            .add(family);
                }
            });
        }
    }

    /** What the conformance checks saw filled since {@link #forgetSeen()}, by type, field and OS family. */
    public static FieldsByOs seen() {
        return new FieldsByOs(SEEN);
    }

    public static void forgetSeen() {
        SEEN.clear();
    }

    /**
     * The OS family whose collector a check is about: the one in the calling test's package
     * ({@code collect.windows...} or {@code collect.linux}), or null for other callers.
     */
    private static String osFamilyOfCaller() {
        String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c != Fields.class)
                        .findFirst()
                        .map(Class::getPackageName)
                        .orElse(""));
        if (caller.startsWith("io.agent7.agent.collect.windows")) {
            return FieldsByOs.WINDOWS;
        }
        return caller.startsWith("io.agent7.agent.collect.linux") ? FieldsByOs.LINUX : null;
    }
}
