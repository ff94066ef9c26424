package io.agent7.schema.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.templates.SchemaInstaller.Action;
import io.agent7.schema.templates.SchemaInstaller.Step;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@ExtendWith(ElasticsearchExtension.class)
class SchemaInstallerIT {

    static URI es;
    static ElasticsearchHttp http;

    @BeforeAll
    static void connect() {
        es = TestElasticsearch.url();
        http = new ElasticsearchHttp(es, null, null);
    }

    @BeforeEach
    void cleanSlate() {
        for (var type : java.util.stream.Stream.concat(
                        Schema.standard().types().stream(), Schema.standard().serverTypes().stream())
                .toList()) {
            String indices = type.series() ? type.index() + "*" : type.index(); // its days and an older single index
            TestElasticsearch.send(es, "DELETE", "/" + indices, null, 404);
            TestElasticsearch.send(es, "DELETE", "/_index_template/" + type.index(), null, 404);
        }
        TestElasticsearch.send(es, "DELETE", "/_index_template/" + IndexTemplates.INTERNAL_TEMPLATE, null, 404);
        TestElasticsearch.send(es, "DELETE", "/_component_template/" + IndexTemplates.COMMON_COMPONENT, null, 404);
        TestElasticsearch.send(es, "DELETE", "/_component_template/" + IndexTemplates.SETTINGS_COMPONENT, null, 404);
    }

    @Test
    void installsOnceThenChangesNothing() {
        SchemaInstaller installer = new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS);

        SchemaInstaller.Report first = installer.install();
        assertThat(first.steps().get(0).action()).isEqualTo(Action.INFO);
        assertThat(first.steps().get(0).detail()).startsWith("Elasticsearch " + TestElasticsearch.version());
        assertThat(first.steps().get(1))
                .as("what the indices get")
                .isEqualTo(new Step("settings", Action.INFO, IndexSettings.DEFAULTS.describe()));
        assertThat(first.steps().subList(2, first.steps().size()))
                .extracting(Step::action)
                .containsOnly(Action.CREATED);
        assertThat(first.steps())
                .extracting(Step::target)
                .contains("agent7-common", "agent7-settings", "agent7-internal", "agent7-process");

        SchemaInstaller.Report second = installer.install();
        assertThat(second.steps()).extracting(Step::action).containsOnly(Action.INFO, Action.UNCHANGED);
        assertThat(second.changedAnything()).isFalse();

        JsonNode mapping = TestElasticsearch.get(es, "/agent7-process/_mapping")
                .path("agent7-process")
                .path("mappings");
        assertThat(mapping.path("dynamic").asString()).isEqualTo("strict");
        assertThat(mapping.path("properties")
                        .path("process")
                        .path("properties")
                        .path("pid")
                        .path("type")
                        .asString())
                .isEqualTo("long");
        assertThat(mapping.path("properties")
                        .path("process")
                        .path("properties")
                        .path("command_line")
                        .path("fields")
                        .path("text")
                        .path("type")
                        .asString())
                .isEqualTo("text");

        // A strict mapping refuses what the schema does not know, instead of growing.
        JsonNode rejected = TestElasticsearch.send(
                es,
                "POST",
                "/agent7-process/_doc?routing=h",
                "{\"host\":{\"id\":\"h\"},\"process\":{\"pid\":1,\"colour\":\"red\"}}",
                400);
        assertThat(rejected.path("error").path("type").asString()).isEqualTo("strict_dynamic_mapping_exception");
        JsonNode contained = TestElasticsearch.send(
                es,
                "POST",
                "/agent7-process/_doc?routing=h&refresh=true",
                "{\"host\":{\"id\":\"h\"},\"process\":{\"pid\":1},\"labels\":{\"team\":\"red\",\"any\":{\"depth\":1}}}");
        assertThat(contained.path("result").asString()).isEqualTo("created");
        JsonNode after = TestElasticsearch.get(es, "/agent7-process/_mapping")
                .path("agent7-process")
                .path("mappings");
        assertThat(after).isEqualTo(mapping);
    }

    @Test
    void theServicesOwnIndicesGetTheTypesShardAndReplicaSettings() {
        new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS).install();
        String index = "agent7-it-internal-" + java.util.UUID.randomUUID();
        try {
            TestElasticsearch.send(es, "POST", "/" + index + "/_doc?refresh=true", "{\"anything\":\"dynamic\"}");
            JsonNode settings = TestElasticsearch.get(es, "/" + index + "/_settings")
                    .path(index)
                    .path("settings")
                    .path("index");
            assertThat(settings.path("number_of_shards").asString()).isEqualTo("1");
            assertThat(settings.path("auto_expand_replicas").asString()).isEqualTo("0-1");
            assertThat(TestElasticsearch.get(es, "/_cluster/health/" + index)
                            .path("status")
                            .asString())
                    .as("no replica asked of a single node")
                    .isEqualTo("green");
        } finally {
            TestElasticsearch.send(es, "DELETE", "/" + index, null);
        }
    }

    @Test
    void aFixedReplicaCountIsSetOnEveryIndexAndSaidToStayUnassignedOnOneNode() {
        try {
            SchemaInstaller.Report report =
                    new SchemaInstaller(http, Schema.standard(), IndexSettings.of(null, "1")).install();
            assertThat(report.steps())
                    .filteredOn(s -> s.target().equals("settings"))
                    .singleElement()
                    .extracting(Step::detail)
                    .asString()
                    .startsWith("1 primary shard per type index, 1 replica")
                    .endsWith("the cluster has 1 data node, so replicas beyond 0 stay unassigned (yellow) until more"
                            + " nodes join");
            JsonNode settings = TestElasticsearch.get(es, "/agent7-process/_settings?flat_settings=true")
                    .path("agent7-process")
                    .path("settings");
            assertThat(settings.path("index.number_of_replicas").asString()).isEqualTo("1");
            assertThat(settings.path("index.auto_expand_replicas").asString()).isEqualTo("false");
        } finally {
            // Back to what the other tests (and a single node) expect.
            new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS).install();
        }
        assertThat(TestElasticsearch.get(es, "/agent7-process/_settings?flat_settings=true")
                        .path("agent7-process")
                        .path("settings")
                        .path("index.auto_expand_replicas")
                        .asString())
                .isEqualTo("0-1");
    }

    @Test
    void indicesOfAnOlderReleaseGetTheSettingsNewOnesGet() {
        new SchemaInstaller(http, Schema.standard(), new IndexSettings(1, "0-1", "1s")).install();
        // A service's index created before the agent7-internal template: one replica, never assigned on one node.
        TestElasticsearch.send(es, "DELETE", "/_index_template/" + IndexTemplates.INTERNAL_TEMPLATE, null);
        String internal = "agent7-it-older-" + java.util.UUID.randomUUID();
        TestElasticsearch.send(
                es,
                "PUT",
                "/" + internal + "?wait_for_active_shards=1",
                "{\"settings\":{\"index\":{\"number_of_replicas\":1}}}");
        try {
            assertThat(TestElasticsearch.get(es, "/_cluster/health/" + internal)
                            .path("status")
                            .asString())
                    .isEqualTo("yellow");

            SchemaInstaller installer = new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS);
            SchemaInstaller.Report report = installer.install();

            // The template is unchanged (its settings come from a component); the index is not.
            assertThat(report.steps())
                    .filteredOn(s -> s.target().equals("agent7-process") && s.action() == Action.UPDATED)
                    .singleElement()
                    .extracting(Step::detail)
                    .asString()
                    .isEqualTo("mapping matches; settings: refresh_interval 1s -> "
                            + IndexSettings.DEFAULTS.refreshInterval());
            assertThat(TestElasticsearch.get(es, "/agent7-process/_settings")
                            .path("agent7-process")
                            .path("settings")
                            .path("index")
                            .path("refresh_interval")
                            .asString())
                    .isEqualTo(IndexSettings.DEFAULTS.refreshInterval());
            assertThat(report.steps())
                    .filteredOn(s -> s.target().equals(internal))
                    .singleElement()
                    .extracting(Step::detail)
                    .asString()
                    .isEqualTo("settings: auto_expand_replicas (unset) -> 0-1");
            // The server's own types keep refreshing every second: enrollment and the admin API wait for it.
            assertThat(report.steps())
                    .filteredOn(s -> s.target().equals("agent7-enrollment") && s.action() == Action.UPDATED)
                    .isEmpty();
            assertThat(TestElasticsearch.get(es, "/agent7-enrollment/_settings")
                            .path("agent7-enrollment")
                            .path("settings")
                            .path("index")
                            .path("refresh_interval")
                            .asString())
                    .isEqualTo(IndexTemplates.SERVER_REFRESH_INTERVAL);
            assertThat(TestElasticsearch.get(es, "/_cluster/health/" + internal + "?wait_for_status=green&timeout=30s")
                            .path("status")
                            .asString())
                    .isEqualTo("green");
            assertThat(installer.install().changedAnything()).isFalse();
        } finally {
            TestElasticsearch.send(es, "DELETE", "/" + internal, null);
        }
    }

    @Test
    void upgradingFromAnOlderVersionSaysWhatChanged() {
        SchemaInstaller installer = new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS);
        installer.install();
        // What an older release would have installed: version 1, without process.parent.name.
        var older = new IndexTemplates(Schema.standard(), IndexSettings.DEFAULTS)
                .indexTemplates()
                .get("agent7-process");
        older.put("version", 1);
        ((tools.jackson.databind.node.ObjectNode) older.get("_meta")).put("version", 1);
        ((tools.jackson.databind.node.ObjectNode) older.path("template")
                        .path("mappings")
                        .path("properties")
                        .path("process")
                        .path("properties")
                        .path("parent")
                        .path("properties"))
                .remove("name");
        assertThat(http.put("_index_template/agent7-process", older).ok()).isTrue();

        SchemaInstaller.Report report = installer.install();
        assertThat(report.steps())
                .filteredOn(s -> s.target().equals("agent7-process") && s.action() == Action.UPDATED)
                .first()
                .extracting(Step::detail)
                .asString()
                .isEqualTo("version 1 -> " + Schema.VERSION
                        + ": added 2 fields (process.parent.name, process.parent.name.text)");
        assertThat(installer.install().changedAnything()).isFalse();
    }

    @Test
    void upgradingFromVersion3AddsTheJoinKeysAndOldDocumentsGetThemWhenRewritten() {
        SchemaInstaller installer = new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS);
        installer.install();
        // What version 3 installed for processes: the same template and index without agent7.join.
        ObjectNode version3 = new IndexTemplates(Schema.standard(), IndexSettings.DEFAULTS)
                .indexTemplates()
                .get("agent7-process");
        version3.put("version", 3);
        ((ObjectNode) version3.get("_meta")).put("version", 3);
        ((ObjectNode) version3.path("template").path("mappings").path("properties")).remove("agent7");
        TestElasticsearch.send(es, "DELETE", "/agent7-process", null);
        assertThat(http.put("_index_template/agent7-process", version3).ok()).isTrue();
        TestElasticsearch.send(es, "PUT", "/agent7-process", null);
        String before = "{\"host\":{\"id\":\"h\"},\"process\":{\"pid\":7,\"user\":{\"name\":\"Alice\"}}}";
        TestElasticsearch.send(es, "PUT", "/agent7-process/_doc/p7?routing=h&refresh=true", before);
        assertThat(TestElasticsearch.get(es, "/agent7-process/_mapping")
                        .path("agent7-process")
                        .path("mappings")
                        .path("properties")
                        .path("agent7")
                        .path("properties")
                        .has("join"))
                .isFalse();

        SchemaInstaller.Report report = installer.install();

        assertThat(report.ok()).isTrue();
        assertThat(report.steps())
                .filteredOn(s -> s.target().equals("agent7-process"))
                .extracting(Step::action, Step::detail)
                .containsExactly(
                        tuple(
                                Action.UPDATED,
                                "version 3 -> " + Schema.VERSION
                                        + ": added 2 fields (agent7.join.host_pid, agent7.join.host_user)"),
                        tuple(Action.UPDATED, "added new fields to the existing mapping"));
        JsonNode join = TestElasticsearch.get(es, "/agent7-process/_mapping")
                .path("agent7-process")
                .path("mappings")
                .path("properties")
                .path("agent7")
                .path("properties")
                .path("join")
                .path("properties");
        assertThat(join.path("host_user").path("type").asString()).isEqualTo("keyword");
        assertThat(join.path("host_pid").path("type").asString()).isEqualTo("keyword");
        String byKey = "{\"query\":{\"terms\":{\"agent7.join.host_user\":[\"h/alice\"]}}}";
        assertThat(hits(byKey)).as("a document of version 3 has no key").isZero();
        TestElasticsearch.send(
                es,
                "POST",
                "/agent7-process/_update/p7?routing=h&refresh=true",
                "{\"doc\":{\"agent7\":{\"join\":{\"host_user\":\"h/alice\",\"host_pid\":\"h/7\"}}}}");
        assertThat(hits(byKey)).as("until it is written again").isEqualTo(1);
        assertThat(installer.install().changedAnything()).isFalse();
    }

    private static long hits(String search) {
        return TestElasticsearch.send(es, "POST", "/agent7-process/_search", search)
                .path("hits")
                .path("total")
                .path("value")
                .asLong();
    }

    @Test
    void reportsAnIncompatibleIndexInsteadOfChangingIt() {
        TestElasticsearch.send(
                es,
                "PUT",
                "/agent7-process",
                "{\"mappings\":{\"properties\":{\"process\":{\"properties\":{\"pid\":{\"type\":\"keyword\"}}}}}}");
        try {
            SchemaInstaller.Report report =
                    new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS).install();
            assertThat(report.ok()).isFalse();
            assertThat(report.steps())
                    .filteredOn(s -> s.target().equals("agent7-process") && s.action() == Action.INCOMPATIBLE)
                    .singleElement()
                    .extracting(Step::detail)
                    .asString()
                    .contains("process.pid is keyword, the schema says long");
        } finally {
            TestElasticsearch.send(es, "DELETE", "/agent7-process", null);
            new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS).install();
        }
    }

    private static final DataType METRIC = Schema.standard().require("system_metric");

    private static Clock on(String day) {
        return Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC);
    }

    private static long metricHits() {
        return TestElasticsearch.send(es, "POST", "/agent7-system_metric/_search", "{\"size\":0}")
                .path("hits")
                .path("total")
                .path("value")
                .asLong();
    }

    private static final String SAMPLE =
            "{\"host\":{\"id\":\"h\"},\"system_metric\":{\"sampled_at\":\"%sT08:00:00.000Z\","
                    + "\"cpu\":{\"pct\":0.5}}}";

    @Test
    void aSeriesIsWrittenToDailyIndicesThatJoinItsAliasAsTheyAreCreated() {
        SchemaInstaller.Report first =
                new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS, on("2026-12-07")).install();
        assertThat(first.steps())
                .filteredOn(s -> s.target().startsWith("agent7-system_metric-"))
                .extracting(Step::target, Step::action)
                .containsExactly(tuple("agent7-system_metric-2026.12.07", Action.CREATED));
        // A day the installer never saw: the write creates it from the template, strict and behind the alias.
        TestElasticsearch.send(
                es,
                "POST",
                "/agent7-system_metric-2026.12.06/_doc?routing=h&refresh=true",
                SAMPLE.formatted("2026-12-06"));
        TestElasticsearch.send(
                es,
                "POST",
                "/agent7-system_metric-2026.12.07/_doc?routing=h&refresh=true",
                SAMPLE.formatted("2026-12-07"));
        assertThat(metricHits()).as("both days through the alias").isEqualTo(2);
        JsonNode rejected = TestElasticsearch.send(
                es,
                "POST",
                "/agent7-system_metric-2026.12.06/_doc?routing=h",
                "{\"host\":{\"id\":\"h\"},\"system_metric\":{\"colour\":\"red\"}}",
                400);
        assertThat(rejected.path("error").path("type").asString()).isEqualTo("strict_dynamic_mapping_exception");
        assertThat(TestElasticsearch.get(es, "/_alias/agent7-system_metric").propertyNames())
                .containsExactlyInAnyOrder("agent7-system_metric-2026.12.06", "agent7-system_metric-2026.12.07");

        SchemaInstaller.Report nextDay =
                new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS, on("2026-12-08")).install();
        assertThat(nextDay.steps())
                .filteredOn(s -> s.target().startsWith("agent7-system_metric-"))
                .extracting(Step::target, Step::action)
                .containsExactly(
                        tuple("agent7-system_metric-2026.12.06", Action.UNCHANGED),
                        tuple("agent7-system_metric-2026.12.07", Action.UNCHANGED),
                        tuple("agent7-system_metric-2026.12.08", Action.CREATED));
        assertThat(nextDay.steps())
                .as("daily indices keep the types' settings, not the services' own")
                .filteredOn(s -> s.action() == Action.UPDATED)
                .isEmpty();
    }

    @Test
    void aSingleMetricIndexOfAnOlderReleaseBecomesADailyIndexWithItsSamples() {
        // What releases before schema 10 created: one index under the name the alias takes now,
        // with the type's mapping of then (here: without the swap fields).
        ObjectNode older = new IndexTemplates(Schema.standard(), IndexSettings.DEFAULTS).mappingOf(METRIC);
        ((ObjectNode) older.path("properties").path("system_metric").path("properties")).remove("swap");
        ObjectNode body = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.set("mappings", older);
        TestElasticsearch.send(es, "PUT", "/agent7-system_metric", body.toString());
        for (String day : List.of("2026-11-01", "2026-12-01")) {
            TestElasticsearch.send(
                    es, "POST", "/agent7-system_metric/_doc?routing=h&refresh=true", SAMPLE.formatted(day));
        }

        SchemaInstaller.Report report =
                new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS, on("2026-12-07")).install();

        assertThat(report.ok()).isTrue();
        assertThat(report.steps())
                .filteredOn(s -> s.target().equals("agent7-system_metric") && s.action() == Action.UPDATED)
                .singleElement()
                .extracting(Step::detail)
                .isEqualTo("a single index became daily indices: its samples cloned to agent7-system_metric-2026.12.07,"
                        + " now behind alias agent7-system_metric");
        assertThat(TestElasticsearch.get(es, "/_alias/agent7-system_metric").propertyNames())
                .containsExactly("agent7-system_metric-2026.12.07");
        assertThat(metricHits()).as("the samples kept").isEqualTo(2);
        // Writable again, with the fields it lacked.
        TestElasticsearch.send(
                es,
                "POST",
                "/agent7-system_metric-2026.12.07/_doc?routing=h&refresh=true",
                SAMPLE.formatted("2026-12-07"));
        assertThat(metricHits()).isEqualTo(3);
        assertThat(TestElasticsearch.get(es, "/agent7-system_metric-2026.12.07/_mapping")
                        .path("agent7-system_metric-2026.12.07")
                        .path("mappings")
                        .path("properties")
                        .path("system_metric")
                        .path("properties")
                        .path("swap")
                        .path("properties")
                        .path("used")
                        .path("type")
                        .asString())
                .isEqualTo("long");
        assertThat(new SchemaInstaller(http, Schema.standard(), IndexSettings.DEFAULTS, on("2026-12-07"))
                        .install()
                        .changedAnything())
                .isFalse();
    }
}
