package io.agent7.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.schema.Schema;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit chain on a real node, written by two instances at once, then tampered with. */
@ExtendWith(ElasticsearchExtension.class)
class AuditLogIT {

    static RestClient rest;
    static ElasticsearchClient client;
    static String index;

    @BeforeAll
    static void freshAuditIndex() throws Exception {
        var es = TestElasticsearch.url();
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        index = Schema.standard().serverType("audit").index();
        new SchemaInstaller(new ElasticsearchHttp(es, null, null), Schema.standard(), IndexSettings.DEFAULTS).install();
        client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        new SchemaInstaller(new ElasticsearchHttp(es, null, null), Schema.standard(), IndexSettings.DEFAULTS).install();
    }

    @AfterAll
    static void close() throws Exception {
        client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        new SchemaInstaller(
                        new ElasticsearchHttp(TestElasticsearch.url(), null, null),
                        Schema.standard(),
                        IndexSettings.DEFAULTS)
                .install();
        rest.close();
    }

    @Test
    void twoInstancesWriteOneChainAndAnEditOrADeletionIsFound() throws Exception {
        AuditLog first = new AuditLog(client, Schema.standard(), Clock.systemUTC());
        AuditLog second = new AuditLog(client, Schema.standard(), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            AuditLog log = i % 2 == 0 ? first : second;
            int n = i;
            ids.add(pool.submit(() -> log.record(new AuditEvent(
                    "command.run", true, "ann", List.of("responder"), "10.0.0.1", "host-" + n, null, Map.of("n", n)))));
        }
        for (Future<String> id : ids) {
            assertThat(id.get()).as("every record is written").isNotNull();
        }
        pool.shutdown();

        AuditChain.Verdict whole = first.verify();
        assertThat(whole.intact()).as(whole.problem()).isTrue();
        assertThat(whole.records()).isEqualTo(60);
        assertThat(whole.last()).isEqualTo(60);
        assertThat(ids.stream().map(AuditLogIT::get).distinct()).hasSize(60);

        // Someone with write access to the index changes who did record 17.
        client.update(
                u -> u.index(index)
                        .id(AuditLog.id(17))
                        .doc(Map.of("user", Map.of("name", "nobody")))
                        .refresh(Refresh.True),
                Map.class);
        AuditChain.Verdict edited = second.verify();
        assertThat(edited.brokenAt()).isEqualTo(17);
        assertThat(edited.problem()).contains("record 17 was edited");
        assertThat(edited.last()).isEqualTo(16);

        // ... and deletes record 9.
        client.delete(d -> d.index(index).id(AuditLog.id(9)).refresh(Refresh.True));
        AuditChain.Verdict deleted = first.verify();
        assertThat(deleted.brokenAt()).isEqualTo(9);
        assertThat(deleted.problem()).isEqualTo("record 9 is missing: record 10 follows record 8");

        // New records still extend the chain at its end.
        first.record(new AuditEvent("login", true, "ann", List.of(), null, "console", null, Map.of()));
        assertThat(second.verify().records()).isEqualTo(60);
    }

    static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
