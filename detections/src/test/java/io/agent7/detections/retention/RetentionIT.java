package io.agent7.detections.retention;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Retention against the real node: which days and which removed items go, and which stay. */
@ExtendWith(ElasticsearchExtension.class)
class RetentionIT {

    static final Schema SCHEMA = Schema.standard();
    static final DataType METRIC = SCHEMA.require("system_metric");
    static final DataType PROCESS = SCHEMA.require("process");

    static URI es;
    static RestClient rest;
    static ElasticsearchClient client;

    @BeforeAll
    static void connect() {
        es = TestElasticsearch.url();
        new SchemaInstaller(new ElasticsearchHttp(es, null, null), SCHEMA, IndexSettings.DEFAULTS).install();
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    @AfterAll
    static void close() throws Exception {
        rest.close();
    }

    static Retention retention(Duration metrics, Duration removed, Instant now) {
        return new Retention(
                client,
                SCHEMA,
                new RetentionProperties(metrics, removed, Duration.ofHours(1), Duration.ZERO, 2),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    static void sample(LocalDate day, String host) {
        TestElasticsearch.send(
                es,
                "POST",
                "/" + METRIC.dailyIndex(day) + "/_doc?routing=" + host + "&refresh=true",
                "{\"host\":{\"id\":\"" + host + "\"},\"system_metric\":{\"sampled_at\":\"" + day
                        + "T12:00:00.000Z\"}}");
    }

    static List<String> metricDays() {
        return List.copyOf(new java.util.TreeSet<>(
                TestElasticsearch.get(es, "/_alias/" + METRIC.index()).propertyNames()));
    }

    @Test
    void aDayGoesWhenAllOfItIsOlderThanTheAgeAndTheNewestDayStays() {
        Instant now = Instant.now();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        String host = "ret-" + UUID.randomUUID();
        for (int ago : List.of(40, 31, 30, 1, 0)) {
            sample(today.minusDays(ago), host);
        }

        Retention.Pass pass = retention(Duration.ofDays(30), Duration.ZERO, now).run();

        assertThat(pass.indicesDeleted())
                .containsExactlyInAnyOrder(
                        METRIC.dailyIndex(today.minusDays(40)), METRIC.dailyIndex(today.minusDays(31)));
        assertThat(metricDays())
                .contains(
                        METRIC.dailyIndex(today.minusDays(30)),
                        METRIC.dailyIndex(today.minusDays(1)),
                        METRIC.dailyIndex(today))
                .doesNotContain(METRIC.dailyIndex(today.minusDays(31)));
        assertThat(TestElasticsearch.count(METRIC.index(), "{\"term\":{\"host.id\":\"" + host + "\"}}"))
                .isEqualTo(3);
        assertThat(pass.removedDeleted()).as("removed items kept forever").isEmpty();

        // A year later with nothing sent since: every day is old, and the newest stays for the alias.
        Retention.Pass later = retention(Duration.ofDays(30), Duration.ZERO, now.plus(Duration.ofDays(365)))
                .run();
        assertThat(later.indicesDeleted()).doesNotContain(METRIC.dailyIndex(today));
        assertThat(metricDays()).containsExactly(METRIC.dailyIndex(today));
        assertThat(TestElasticsearch.count(METRIC.index(), "{\"term\":{\"host.id\":\"" + host + "\"}}"))
                .isEqualTo(1);
    }

    /**
     * Every detections instance runs retention, and two started together pass at the same
     * moment: each lists the same old days, and one deletes a day the other is about to. The
     * second finds it gone, as wanted, and its pass goes on (it failed until this was handled).
     */
    @Test
    void twoInstancesPassingAtOnceBothSucceed() throws Exception {
        Instant now = Instant.now();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                List<String> old = new java.util.ArrayList<>();
                for (int ago = 50; ago < 56; ago++) {
                    sample(today.minusDays(ago), "ret-race-" + round);
                    old.add(METRIC.dailyIndex(today.minusDays(ago)));
                }
                sample(today, "ret-race-" + round);
                var start = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Callable<Retention.Pass> pass = () -> {
                    start.await();
                    return retention(Duration.ofDays(30), Duration.ZERO, now).run();
                };
                var first = pool.submit(pass);
                var second = pool.submit(pass);
                start.countDown();
                // get() throws what a pass threw: a day deleted by the other is no failure.
                List<String> deleted = new java.util.ArrayList<>(first.get().indicesDeleted());
                deleted.addAll(second.get().indicesDeleted());
                assertThat(deleted).as("round %d", round).containsAll(old);
                assertThat(metricDays()).as("round %d", round).doesNotContainAnyElementsOf(old);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String item(String host, int pid, Boolean present, Instant removedAt) {
        String id = host + "-" + pid;
        String removed = removedAt == null ? "" : ",\"removed_at\":\"" + Values.formatDate(removedAt) + "\"";
        TestElasticsearch.send(
                es,
                "PUT",
                "/agent7-process/_doc/" + id + "?routing=" + host + "&refresh=true",
                "{\"host\":{\"id\":\"" + host + "\"},\"process\":{\"pid\":" + pid + "},\"agent7\":{\"present\":"
                        + present + removed + "}}");
        return id;
    }

    static long items(String host) {
        return TestElasticsearch.count("agent7-process", "{\"term\":{\"host.id\":\"" + host + "\"}}");
    }

    static boolean exists(String host, String id) {
        return TestElasticsearch.count(
                        "agent7-process",
                        "{\"bool\":{\"filter\":[{\"term\":{\"host.id\":\"" + host + "\"}},{\"ids\":{\"values\":[\"" + id
                                + "\"]}}]}}")
                == 1;
    }

    @Test
    void itemsRemovedLongerAgoThanTheAgeAreDeletedAndTheRestKept() {
        Instant now = Instant.now();
        String host = "ret-" + UUID.randomUUID();
        String present = item(host, 1, true, null);
        String recent = item(host, 2, false, now.minus(Duration.ofDays(89)));
        // More old ones than a batch (2): the pass pages through them.
        List<String> old = List.of(
                item(host, 3, false, now.minus(Duration.ofDays(91))),
                item(host, 4, false, now.minus(Duration.ofDays(200))),
                item(host, 5, false, now.minus(Duration.ofDays(365))));

        Retention.Pass pass = retention(Duration.ZERO, Duration.ofDays(90), now).run();

        assertThat(pass.indicesDeleted()).as("metrics kept forever").isEmpty();
        assertThat(pass.removedDeleted().get("process")).isGreaterThanOrEqualTo(3L);
        assertThat(items(host)).isEqualTo(2);
        assertThat(exists(host, present)).isTrue();
        assertThat(exists(host, recent)).isTrue();
        old.forEach(id -> assertThat(exists(host, id)).as(id).isFalse());
    }

    @Test
    void anItemThatCameBackAfterItWasFoundIsNotDeleted() throws Exception {
        Instant now = Instant.now();
        String host = "ret-" + UUID.randomUUID();
        String id = item(host, 7, false, now.minus(Duration.ofDays(100)));
        List<Hit<Void>> found = client.search(
                        s -> s.index("agent7-process")
                                .query(q -> q.ids(i -> i.values(id)))
                                .seqNoPrimaryTerm(true)
                                .source(src -> src.fetch(false)),
                        Void.class)
                .hits()
                .hits();
        assertThat(found).hasSize(1);
        // Its host reports it again between the pass's search and its delete.
        item(host, 7, true, null);

        long[] changed = {0};
        long deleted = retention(Duration.ZERO, Duration.ofDays(90), now).delete(PROCESS, found, changed);

        assertThat(deleted).isZero();
        assertThat(changed[0]).isEqualTo(1);
        assertThat(exists(host, id)).isTrue();
    }
}
