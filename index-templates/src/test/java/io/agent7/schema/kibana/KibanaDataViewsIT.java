package io.agent7.schema.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The generated data views against the indices a real node creates from the templates. */
@ExtendWith(ElasticsearchExtension.class)
class KibanaDataViewsIT {

    static URI es;
    static SavedObjectsFile file;

    @BeforeAll
    static void installSchema() {
        es = TestElasticsearch.url();
        SchemaInstaller.Report report = new SchemaInstaller(
                        new ElasticsearchHttp(es, null, null), Schema.standard(), IndexSettings.DEFAULTS)
                .install();
        assertThat(report.ok()).as(report.steps().toString()).isTrue();
        file = new SavedObjectsFile(new KibanaSavedObjects(Schema.standard()).ndjson());
    }

    @Test
    void everyDataViewFieldIsInTheRealIndexMappingWithTheSameType() {
        for (DataType type : Schema.standard().types()) {
            JsonNode response = TestElasticsearch.get(es, "/" + type.index() + "/_mapping");
            // Keyed by concrete index: a series' alias answers for each of its days, all alike.
            assertThat(response.size()).as("indices behind %s", type.index()).isPositive();
            Map<String, MappingLeaves.Leaf> mapped = MappingLeaves.of(
                    response.properties().iterator().next().getValue().path("mappings"));
            Map<String, JsonNode> fields = SavedObjectsFile.fields(file.get("index-pattern", type.index()));

            List<String> wrong = new ArrayList<>();
            fields.forEach((name, field) -> {
                String esType = field.path("esTypes").path(0).asString();
                MappingLeaves.Leaf leaf = mapped.get(name);
                if (leaf == null) {
                    wrong.add(name + " is not in the index's mapping");
                    return;
                }
                String actual = MappingLeaves.effectiveType(mapped, name);
                if (!esType.equals(actual)) {
                    wrong.add(name + " is " + esType + " in the data view, " + actual + " in the index");
                }
                String parent =
                        field.path("subType").path("multi").path("parent").asString(null);
                if (parent != null && !parent.equals(leaf.multiOf())) {
                    wrong.add(name + " should be a multi-field of " + parent + ", the index has it as " + leaf);
                }
            });
            mapped.forEach((name, leaf) -> {
                if (!leaf.type().equals("object") && !fields.containsKey(name)) {
                    wrong.add(name + " (" + leaf.type() + ") is in the index but not in the data view");
                }
            });
            assertThat(wrong).as(type.index()).isEmpty();
        }
    }

    @Test
    void everyDataViewFieldHasTheTypeAndFlagsFieldCapsReportAsKibanaWouldRead() {
        for (DataType type : Schema.standard().types()) {
            JsonNode caps = TestElasticsearch.get(es, "/" + type.index() + "/_field_caps?fields=*")
                    .path("fields");
            Map<String, JsonNode> fields = SavedObjectsFile.fields(file.get("index-pattern", type.index()));

            List<String> wrong = new ArrayList<>();
            fields.forEach((name, field) -> {
                String esType = field.path("esTypes").path(0).asString();
                JsonNode cap = caps.path(name).path(esType);
                if (cap.isMissingNode()) {
                    wrong.add(name + ": field caps have " + caps.path(name) + ", not " + esType);
                    return;
                }
                for (String flag : List.of("searchable", "aggregatable")) {
                    if (cap.path(flag).asBoolean() != field.path(flag).asBoolean()) {
                        wrong.add(
                                name + ": " + flag + " is " + field.path(flag) + ", field caps say " + cap.path(flag));
                    }
                }
            });
            assertThat(wrong).as(type.index()).isEmpty();
        }
    }
}
