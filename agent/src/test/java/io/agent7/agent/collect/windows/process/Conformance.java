package io.agent7.agent.collect.windows.process;

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

/** What a Windows mapping sends is what the server accepts, as the Linux collectors' SchemaConformanceTest checks. */
final class Conformance {

    private Conformance() {}

    static void assertConforms(String typeName, List<ObjectNode> docs) {
        DataType type = Schema.standard().require(typeName);
        assertThat(docs).as(typeName + " documents").isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (ObjectNode doc : docs) {
            assertThat(Schema.standard().normalizer(type).normalize(doc))
                    .as(typeName + ": already in stored form: " + doc)
                    .isEqualTo(doc);
            List<String> fields = new ArrayList<>();
            Documents.forEachLeaf(doc, (name, value) -> fields.add(name));
            assertThat(fields)
                    .as(typeName + ": only the type's own fields: " + doc)
                    .allMatch(type.fields()::containsKey)
                    .noneMatch(CommonFields.SERVER_OWNED::contains);
            assertThat(ids.add(DocumentIds.of("h", type, doc)))
                    .as(typeName + ": no two documents of one collection are the same item: " + doc)
                    .isTrue();
        }
    }

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

    static boolean has(JsonNode doc, String path) {
        JsonNode value = Documents.get(doc, path);
        return value != null && !value.isNull();
    }
}
