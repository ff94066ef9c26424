package io.agent7.schema.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Documents;
import io.agent7.schema.Field;
import io.agent7.schema.JoinKey;
import io.agent7.schema.Samples;
import io.agent7.schema.Schema;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Every type's template, on the real node: its sample indexes, unknown fields are refused, aliases answer. */
@ExtendWith(ElasticsearchExtension.class)
class EveryTypeIT {

    static URI es;

    static Stream<DataType> allTypes() {
        return Stream.concat(Schema.standard().types().stream(), Schema.standard().serverTypes().stream());
    }

    @BeforeAll
    static void install() {
        es = TestElasticsearch.url();
        SchemaInstaller.Report report = new SchemaInstaller(
                        new ElasticsearchHttp(es, null, null), Schema.standard(), IndexSettings.DEFAULTS)
                .install();
        assertThat(report.ok()).as(report.toString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void sampleIndexesAndAliasesFindIt(DataType type) {
        String host = "it-" + UUID.randomUUID();
        // As the ingest API stores it: with the join keys the type carries.
        ObjectNode document = Schema.standard().normalizer(type).normalize(Samples.of(type), host);
        var nodes = JsonNodeFactory.instance;
        Documents.set(document, CommonFields.HOST_ID, nodes.stringNode(host));
        Documents.set(document, CommonFields.HOST_NAME, nodes.stringNode("it-host"));
        Documents.set(document, CommonFields.AGENT_ID, nodes.stringNode("it-agent"));
        Documents.set(document, CommonFields.TYPE, nodes.stringNode(type.name()));
        Documents.set(document, CommonFields.TIMESTAMP, nodes.stringNode(Samples.SAMPLE_TIME));
        Documents.set(document, CommonFields.LAST_SEEN, nodes.stringNode(Samples.SAMPLE_TIME));
        Documents.set(document, CommonFields.PRESENT, nodes.booleanNode(true));
        Documents.set(document, CommonFields.REMOVED_AT, nodes.nullNode());
        Documents.set(
                document,
                CommonFields.LABELS,
                nodes.objectNode().put("team", "blue").put("deep.key", "x"));

        JsonNode indexed = TestElasticsearch.send(
                es, "POST", "/" + type.index() + "/_doc?refresh=true&routing=" + host, document.toString());
        assertThat(indexed.path("result").asString())
                .as("%s: %s", type.name(), indexed)
                .isEqualTo("created");

        for (JoinKey key : Schema.standard().joinKeys(type)) {
            // The planner's join: the other side's keys, as a terms query on this side's field.
            JsonNode value = Documents.get(document, key.field());
            assertThat(value)
                    .as("%s: the sample has every part of %s", type.name(), key.field())
                    .isNotNull();
            JsonNode found = TestElasticsearch.send(
                    es,
                    "POST",
                    "/" + type.index() + "/_search",
                    "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"host.id\":\"" + host + "\"}},"
                            + "{\"terms\":{\"" + key.field() + "\":"
                            + (value.isArray() ? value : nodes.arrayNode().add(value)) + "}}]}}}");
            assertThat(found.path("hits").path("total").path("value").asLong())
                    .as("%s: %s holds %s", type.name(), key.field(), value)
                    .isEqualTo(1);
        }
        for (Field field : type.fields().values()) {
            if (!field.isAlias()) {
                continue;
            }
            JsonNode found = TestElasticsearch.send(
                    es,
                    "POST",
                    "/" + type.index() + "/_search",
                    "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"host.id\":\"" + host + "\"}},"
                            + "{\"exists\":{\"field\":\"" + field.name() + "\"}}]}}}");
            assertThat(found.path("hits").path("total").path("value").asLong())
                    .as("%s: alias %s -> %s", type.name(), field.name(), field.aliasOf())
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void unknownFieldsAreRefused(DataType type) {
        String namespace = type.fields().keySet().iterator().next().split("\\.")[0];
        JsonNode refused = TestElasticsearch.send(
                es,
                "POST",
                "/" + type.index() + "/_doc",
                "{\"" + namespace + "\":{\"no_such_field_" + type.name() + "\":1}}",
                400);
        assertThat(refused.path("error").path("type").asString())
                .as(type.name())
                .isEqualTo("strict_dynamic_mapping_exception");
        JsonNode top = TestElasticsearch.send(es, "POST", "/" + type.index() + "/_doc", "{\"surprise\":true}", 400);
        assertThat(top.path("error").path("type").asString())
                .as(type.name())
                .isEqualTo("strict_dynamic_mapping_exception");
    }
}
