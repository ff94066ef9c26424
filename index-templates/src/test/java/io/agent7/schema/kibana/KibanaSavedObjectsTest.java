package io.agent7.schema.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.DataType;
import io.agent7.schema.FieldType;
import io.agent7.schema.Schema;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.IndexTemplates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KibanaSavedObjectsTest {

    private final Schema schema = Schema.standard();
    private final SavedObjectsFile file = new SavedObjectsFile(new KibanaSavedObjects(schema).ndjson());

    @Test
    void everyObjectCarriesWhatKibanasImportNeeds() {
        assertThat(file.objects).allSatisfy(object -> {
            assertThat(object.path("id").asString()).isNotBlank();
            assertThat(object.path("type").asString()).isIn("index-pattern", "search", "dashboard");
            assertThat(object.path("attributes").path("title").asString()).isNotBlank();
            assertThat(object.path("coreMigrationVersion").asString()).isEqualTo("8.8.0");
            assertThat(object.path("typeMigrationVersion").asString()).isEqualTo("8.0.0");
            assertThat(object.path("managed").isBoolean()).isTrue();
            assertThat(object.path("managed").asBoolean()).isFalse();
            assertThat(object.path("references").isArray()).isTrue();
        });
        assertThat(file.byId).hasSameSizeAs(file.objects);
    }

    @Test
    void oneDataViewAndOneSavedSearchPerDataType() {
        assertThat(file.ofType("index-pattern")).hasSameSizeAs(schema.types());
        assertThat(file.ofType("search")).hasSameSizeAs(schema.types());
        for (DataType type : schema.types()) {
            JsonNode dataView = file.get("index-pattern", "agent7-" + type.name());
            assertThat(dataView).as(type.name()).isNotNull();
            assertThat(dataView.path("attributes").path("title").asString()).isEqualTo("agent7-" + type.name());
            assertThat(dataView.path("attributes").path("name").asString()).isEqualTo("Agent7 " + type.name());
            assertThat(dataView.path("attributes").path("timeFieldName").asString())
                    .isEqualTo("@timestamp");
            assertThat(file.get("search", "agent7-" + type.name() + "-present"))
                    .as(type.name())
                    .isNotNull();
        }
    }

    @Test
    void everyDataViewFieldIsMappedByTheIndexTemplateWithTheSameType() {
        IndexTemplates templates = new IndexTemplates(schema, IndexSettings.DEFAULTS);
        for (DataType type : schema.types()) {
            Map<String, MappingLeaves.Leaf> mapped = MappingLeaves.of(templates.mappingOf(type));
            Map<String, JsonNode> fields = SavedObjectsFile.fields(file.get("index-pattern", type.index()));
            List<String> wrong = new ArrayList<>();
            fields.forEach((name, field) -> {
                String esType = field.path("esTypes").path(0).asString();
                String mappedType = MappingLeaves.effectiveType(mapped, name);
                if (!esType.equals(mappedType)) {
                    wrong.add(name + " is " + esType + " in the data view, " + mappedType + " in the mapping");
                }
                if (field.path("esTypes").size() != 1) {
                    wrong.add(name + " has esTypes " + field.path("esTypes"));
                }
            });
            assertThat(wrong).as(type.name()).isEmpty();
            // And the other way round: nothing the mapping holds is missing from the data view.
            mapped.forEach((name, leaf) -> {
                if (!leaf.type().equals("object")) {
                    assertThat(fields).as(type.name() + " data view").containsKey(name);
                }
            });
        }
    }

    @Test
    void dataViewFieldsCarryKibanasTypeNamesAndFlags() {
        for (DataType type : schema.types()) {
            SavedObjectsFile.fields(file.get("index-pattern", type.index())).forEach((name, field) -> {
                String esType = field.path("esTypes").path(0).asString();
                assertThat(field.path("type").asString()).as(name).isEqualTo(KibanaFields.kibanaType(esType));
                assertThat(field.path("aggregatable").asBoolean())
                        .as(name)
                        .isEqualTo(!esType.equals("text") && !esType.equals("nested"));
                assertThat(field.path("searchable").asBoolean()).as(name).isEqualTo(!esType.equals("nested"));
            });
        }
        assertThat(KibanaFields.kibanaType("keyword")).isEqualTo("string");
        assertThat(KibanaFields.kibanaType("text")).isEqualTo("string");
        assertThat(KibanaFields.kibanaType("scaled_float")).isEqualTo("number");
        assertThat(KibanaFields.kibanaType("byte")).isEqualTo("number");
        assertThat(KibanaFields.kibanaType("geo_point")).isEqualTo("geo_point");
        assertThat(KibanaFields.kibanaType("flattened")).isEqualTo("unknown");
        assertThat(KibanaFields.kibanaType("nested")).isEqualTo("nested");
    }

    @Test
    void textSubfieldsFollowTheirKeywordAndAreNotAggregatable() {
        for (DataType type : schema.types()) {
            Map<String, JsonNode> fields = SavedObjectsFile.fields(file.get("index-pattern", type.index()));
            type.allFields().values().stream().filter(f -> f.textField()).forEach(keyword -> {
                JsonNode text = fields.get(keyword.name() + ".text");
                assertThat(text).as(keyword.name() + ".text").isNotNull();
                assertThat(text.path("esTypes").path(0).asString()).isEqualTo("text");
                assertThat(text.path("aggregatable").asBoolean()).isFalse();
                assertThat(text.path("subType").path("multi").path("parent").asString())
                        .isEqualTo(keyword.name());
            });
        }
    }

    @Test
    void everySavedSearchShowsPresentItemsWithColumnsOfItsDataView() {
        for (DataType type : schema.types()) {
            JsonNode search = file.get("search", type.index() + "-present");
            JsonNode searchSource = SavedObjectsFile.embedded(search, "kibanaSavedObjectMeta", "searchSourceJSON");
            assertThat(searchSource.path("query").path("query").asString()).isEqualTo("agent7.present:true");
            String refName = searchSource.path("indexRefName").asString();
            JsonNode reference = reference(search, refName);
            assertThat(reference).as(type.name() + " reference " + refName).isNotNull();
            assertThat(reference.path("type").asString()).isEqualTo("index-pattern");
            JsonNode dataView = file.get("index-pattern", reference.path("id").asString());
            assertThat(dataView).as("data view of " + type.name()).isNotNull();

            Map<String, JsonNode> fields = SavedObjectsFile.fields(dataView);
            List<String> columns = new ArrayList<>();
            search.path("attributes").path("columns").forEach(c -> columns.add(c.asString()));
            assertThat(columns).as(type.name()).hasSizeLessThanOrEqualTo(6).allSatisfy(column -> {
                assertThat(fields).containsKey(column);
                assertThat(type.fields().get(column).type()).isEqualTo(FieldType.KEYWORD);
            });
            assertThat(search.path("attributes").path("sort").toString()).isEqualTo("[[\"@timestamp\",\"desc\"]]");
        }
    }

    @Test
    void dashboardPlacesTheKeyTypesSavedSearchesWithoutOverlap() {
        JsonNode dashboard = file.get("dashboard", "agent7-overview");
        assertThat(dashboard.path("attributes").path("title").asString()).isEqualTo("Agent7 overview");
        List<String> expected = KibanaSavedObjects.DASHBOARD_TYPES.stream()
                .filter(name -> schema.types().stream().anyMatch(t -> t.name().equals(name)))
                .map(name -> "agent7-" + name + "-present")
                .toList();

        List<String> shown = new ArrayList<>();
        Set<String> cells = new HashSet<>();
        int i = 0;
        for (JsonNode panel : SavedObjectsFile.embedded(dashboard, "panelsJSON")) {
            assertThat(panel.path("panelRefName").asString()).isEqualTo("panel_" + i++);
            assertThat(panel.path("panelIndex").asString())
                    .isEqualTo(panel.path("gridData").path("i").asString());
            JsonNode reference = reference(dashboard, panel.path("panelRefName").asString());
            assertThat(reference.path("type").asString()).isEqualTo("search");
            assertThat(file.get("search", reference.path("id").asString())).isNotNull();
            shown.add(reference.path("id").asString());
            JsonNode grid = panel.path("gridData");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(48);
            for (int x = grid.path("x").asInt();
                    x < grid.path("x").asInt() + grid.path("w").asInt();
                    x++) {
                for (int y = grid.path("y").asInt();
                        y < grid.path("y").asInt() + grid.path("h").asInt();
                        y++) {
                    assertThat(cells.add(x + "," + y))
                            .as("panels overlap at " + x + "," + y)
                            .isTrue();
                }
            }
        }
        assertThat(shown).isEqualTo(expected);
        assertThat(dashboard.path("references")).hasSize(expected.size());
    }

    private static JsonNode reference(JsonNode object, String name) {
        for (JsonNode reference : object.path("references")) {
            if (reference.path("name").asString().equals(name)) {
                return reference;
            }
        }
        return null;
    }
}
