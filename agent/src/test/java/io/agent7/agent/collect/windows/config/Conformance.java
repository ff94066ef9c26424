package io.agent7.agent.collect.windows.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** What the Linux collectors' SchemaConformanceTest checks, for one Windows document. */
final class Conformance {

    private Conformance() {}

    static void assertConforms(String typeName, ObjectNode doc) {
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
    }
}
