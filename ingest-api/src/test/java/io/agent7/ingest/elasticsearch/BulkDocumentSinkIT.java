package io.agent7.ingest.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.ingest.ingest.DocumentSink.Outcome;
import io.agent7.ingest.ingest.DocumentSink.Result;
import io.agent7.ingest.ingest.DocumentSink.Write;
import io.agent7.ingest.ingest.IngestProperties;
import io.agent7.ingest.ingest.IngestSettings;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sink reads only part of each bulk response ({@link BulkDocumentSink#BULK_RESPONSE_FIELDS});
 * every outcome the ingest path depends on must still come through on a real node.
 */
@ExtendWith(ElasticsearchExtension.class)
class BulkDocumentSinkIT {

    static final String INDEX = "agent7-it-sink-" + UUID.randomUUID();
    static final String RECORDS = INDEX + "-records";
    static RestClient rest;
    static BulkDocumentSink sink;

    @BeforeAll
    static void start() {
        URI es = TestElasticsearch.url();
        TestElasticsearch.send(
                es,
                "PUT",
                "/" + INDEX,
                "{\"mappings\":{\"properties\":{\"n\":{\"type\":\"long\"},\"name\":{\"type\":\"keyword\"}}}}");
        TestElasticsearch.send(
                es, "PUT", "/" + RECORDS, "{\"mappings\":{\"properties\":{\"name\":{\"type\":\"keyword\"}}}}");
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        IngestProperties properties = IngestSettings.of("max-retries=1");
        sink = new BulkDocumentSink(client, properties, new SimpleMeterRegistry(), new WriteProgress(properties));
    }

    @AfterAll
    static void stop() throws Exception {
        sink.destroy();
        TestElasticsearch.send(TestElasticsearch.url(), "DELETE", "/" + INDEX + "," + RECORDS, null);
        rest.close();
    }

    static Write upsert(String id, String doc) {
        return new Write(
                INDEX,
                id,
                "host-1",
                ("{\"doc\":" + doc + ",\"upsert\":" + doc + ",\"detect_noop\":true}").getBytes(StandardCharsets.UTF_8));
    }

    static List<Result> write(Write... writes) throws Exception {
        return sink.write(List.of(writes)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyOutcomeComesThroughTheFilteredResponse() throws Exception {
        assertThat(write(upsert("a", "{\"n\":1}"), upsert("b", "{\"n\":2}")))
                .extracting(Result::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED);

        List<Result> second = write(
                upsert("a", "{\"n\":1}"),
                upsert("b", "{\"n\":3}"),
                new Write(INDEX, "missing", "host-1", "{\"doc\":{\"n\":4}}".getBytes(StandardCharsets.UTF_8)),
                upsert("bad", "{\"n\":\"not a number\"}"));

        assertThat(second).extracting(Result::id).containsExactly("a", "b", "missing", "bad");
        assertThat(second)
                .extracting(Result::outcome)
                .containsExactly(Outcome.UNCHANGED, Outcome.UPDATED, Outcome.MISSING, Outcome.FAILED);
        assertThat(second.get(3).error())
                .startsWith("document_parsing_exception")
                .contains("[n]");
        assertThat(second.subList(0, 3)).extracting(Result::error).containsOnlyNulls();
    }

    @Test
    void aRecordInAnotherIndexComesBackInItsPlaceAmongTheItems() throws Exception {
        Write record = new Write(
                RECORDS,
                "host-1.test",
                "host-1",
                "{\"doc\":{\"name\":\"r\"},\"upsert\":{\"name\":\"r\"},\"detect_noop\":true}"
                        .getBytes(StandardCharsets.UTF_8));

        List<Result> first = write(record, upsert("c", "{\"n\":5}"), upsert("d", "{\"n\":6}"));
        List<Result> again = write(record, upsert("c", "{\"n\":5}"), upsert("d", "{\"n\":7}"));

        assertThat(first).extracting(Result::id).containsExactly("host-1.test", "c", "d");
        assertThat(first)
                .extracting(Result::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.CREATED);
        assertThat(again)
                .extracting(Result::outcome)
                .containsExactly(Outcome.UNCHANGED, Outcome.UNCHANGED, Outcome.UPDATED);
    }
}
