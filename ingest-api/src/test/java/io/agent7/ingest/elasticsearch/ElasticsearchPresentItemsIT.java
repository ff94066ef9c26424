package io.agent7.ingest.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ingest path's two reads, on a real node: only the host's items that are present count. */
class ElasticsearchPresentItemsIT {

    static final String INDEX = "agent7-it-present-" + UUID.randomUUID();
    static RestClient rest;
    static ElasticsearchPresentItems items;

    @BeforeAll
    static void start() {
        URI es = TestElasticsearch.url();
        TestElasticsearch.send(es, "PUT", "/" + INDEX, """
                {"mappings": {"properties": {
                  "host": {"properties": {"id": {"type": "keyword"}}},
                  "agent7": {"properties": {"present": {"type": "boolean"}, "last_seen": {"type": "date"}}}}}}
                """);
        put("old", "host-1", true, "2026-11-28T10:00:00Z");
        put("new", "host-1", true, "2026-11-28T12:00:00Z");
        put("gone", "host-1", false, "2026-11-28T10:00:00Z");
        put("other", "host-2", true, "2026-11-28T10:00:00Z");
        TestElasticsearch.refresh(INDEX);
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        items = new ElasticsearchPresentItems(
                new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper())));
    }

    static void put(String id, String host, boolean present, String lastSeen) {
        TestElasticsearch.send(
                TestElasticsearch.url(),
                "PUT",
                "/" + INDEX + "/_doc/" + id + "?routing=" + host,
                "{\"host\":{\"id\":\"" + host + "\"},\"agent7\":{\"present\":" + present + ",\"last_seen\":\""
                        + lastSeen + "\"}}");
    }

    @AfterAll
    static void stop() throws Exception {
        TestElasticsearch.send(TestElasticsearch.url(), "DELETE", "/" + INDEX, null);
        rest.close();
    }

    @Test
    void amongTheIdsOnlyTheHostsPresentItemsCount() {
        assertThat(items.among(INDEX, "host-1", "host-1", Set.of("old", "gone", "other", "never")))
                .containsExactly("old");
        assertThat(items.among(INDEX, "host-1", "host-1", Set.of())).isEmpty();
    }

    @Test
    void aSnapshotNoLongerHasThePresentItemsLastSeenBeforeItThatItDoesNotList() {
        assertThat(items.idsNotIn(INDEX, "host-1", "host-1", Set.of(), Instant.parse("2026-11-28T11:00:00Z")))
                .containsExactly("old");
        assertThat(items.idsNotIn(INDEX, "host-1", "host-1", Set.of("old"), Instant.parse("2026-11-28T13:00:00Z")))
                .containsExactly("new");
    }
}
