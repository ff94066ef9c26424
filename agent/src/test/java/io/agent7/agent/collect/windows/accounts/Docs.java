package io.agent7.agent.collect.windows.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads mapped documents by dotted field name, and checks them as the server would. */
final class Docs {

    private Docs() {}

    static String text(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asString();
    }

    static Long number(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asLong();
    }

    static Boolean bool(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value == null || value.isNull() ? null : value.asBoolean();
    }

    static List<String> texts(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        List<String> values = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(v -> values.add(v.asString()));
        }
        return values;
    }

    static ObjectNode only(List<ObjectNode> docs, String path, String value) {
        List<ObjectNode> found =
                docs.stream().filter(d -> value.equals(text(d, path))).toList();
        assertThat(found).as(path + " = " + value).hasSize(1);
        return found.get(0);
    }

    /**
     * Every document is already in the stored form the server's normaliser gives, has only its
     * type's own fields and none the server sets, and no two are the same item.
     */
    static void assertConform(String typeName, List<ObjectNode> docs) {
        Schema schema = Schema.standard();
        DataType type = schema.require(typeName);
        assertThat(docs).as(typeName).isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (ObjectNode doc : docs) {
            assertThat(schema.normalizer(type).normalize(doc))
                    .as(typeName + ": already in stored form: " + doc)
                    .isEqualTo(doc);
            List<String> fields = new ArrayList<>();
            Documents.forEachLeaf(doc, (name, value) -> fields.add(name));
            assertThat(fields)
                    .as(typeName + ": only the type's own fields: " + doc)
                    .allMatch(type.fields()::containsKey)
                    .noneMatch(CommonFields.SERVER_OWNED::contains);
            assertThat(ids.add(DocumentIds.of("h", type, doc)))
                    .as(typeName + ": one document per item: " + doc)
                    .isTrue();
        }
    }
}
