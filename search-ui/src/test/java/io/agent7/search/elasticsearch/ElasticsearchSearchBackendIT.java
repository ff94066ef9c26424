package io.agent7.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.query.QueryException;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.request.FieldSelection;
import io.agent7.query.request.SortKey;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.search.api.MissingIndexException;
import io.agent7.search.api.SearchBackend;
import io.agent7.search.api.SearchProperties;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The search port on a real node: a filter in the query language finds documents; a missing index is an error. */
class ElasticsearchSearchBackendIT {

    static final DataType THING = type("it_thing_" + suffix());
    static RestClient rest;
    static ElasticsearchSearchBackend backend;

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    }

    static DataType type(String name) {
        return DataType.builder(name)
                .description("A thing, for this test.")
                .keyword("thing.name", "Its name.")
                .identity("thing.name")
                .build();
    }

    @BeforeAll
    static void start() {
        URI es = TestElasticsearch.url();
        TestElasticsearch.send(
                es,
                "PUT",
                "/" + THING.index(),
                "{\"mappings\":{\"properties\":{\"thing\":{\"properties\":{\"name\":{\"type\":\"keyword\"}}}}}}");
        for (String name : List.of("anvil", "bolt", "crank")) {
            TestElasticsearch.send(
                    es, "PUT", "/" + THING.index() + "/_doc/" + name, "{\"thing\":{\"name\":\"" + name + "\"}}");
        }
        TestElasticsearch.refresh(THING.index());
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        backend = new ElasticsearchSearchBackend(
                new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper())),
                Schema.standard(),
                Clock.systemUTC(),
                SearchProperties.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        TestElasticsearch.send(TestElasticsearch.url(), "DELETE", "/" + THING.index(), null);
        rest.close();
    }

    static SearchBackend.Request request(DataType type, String filter) {
        return new SearchBackend.Request(
                type,
                FilterDsl.parse(filter),
                List.of(new SortKey("thing.name", true)),
                FieldSelection.ALL,
                0,
                10,
                null);
    }

    @Test
    void aFilterFindsItsDocumentsInOrder() {
        SearchBackend.Page page = backend.search(request(THING, "thing.name,in,anvil|crank"));

        assertThat(page.total()).isEqualTo(new SearchBackend.Total(2, true));
        assertThat(page.hits()).extracting(SearchBackend.Hit::id).containsExactly("crank", "anvil");
        assertThat(page.hits().get(0).source()).isEqualTo(Map.of("thing", Map.of("name", "crank")));
    }

    @Test
    void aMissingIndexIsAnErrorNamingItNotAnEmptyPage() {
        DataType missing = type("it_missing_" + suffix());

        assertThatThrownBy(() -> backend.search(request(missing, "")))
                .isInstanceOfSatisfying(
                        MissingIndexException.class, e -> assertThat(e.index()).isEqualTo(missing.index()))
                .hasMessageContaining("the Agent7 schema is not installed");
    }

    @Test
    void aFilterOnAFieldTheTypeLacksIsTheUsersError() {
        assertThatThrownBy(() -> backend.search(request(THING, "colour,eq,red")))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("Unknown field 'colour'");
    }
}
