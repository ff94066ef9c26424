package io.agent7.rules.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.rules.Finding;
import io.agent7.rules.Rule;
import io.agent7.rules.RuleYaml;
import io.agent7.rules.Window;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every rule type against the real node, over items planted with the {@code event.ingested}
 * times each case needs; and the alerts they write, written again under overlapping windows
 * and retries: never a second alert, never a count that grows twice. Items, hosts and rules
 * are this run's own (the node is shared).
 */
@ExtendWith(ElasticsearchExtension.class)
class RuleSearchesIT {

    static final Schema SCHEMA = Schema.standard();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    static RestClient rest;
    static ElasticsearchClient client;
    static RuleSearches searches;
    static AlertWriter writer;

    @BeforeAll
    static void connect() {
        URI es = TestElasticsearch.url();
        new SchemaInstaller(new ElasticsearchHttp(es, null, null), SCHEMA, IndexSettings.DEFAULTS).install();
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        searches = new RuleSearches(client, SCHEMA);
        writer = new AlertWriter(client, SCHEMA);
    }

    @AfterAll
    static void close() throws Exception {
        rest.close();
    }

    static Rule rule(String yaml) {
        return RuleYaml.read(yaml.replace("RUN", RUN), Rule.CUSTOM);
    }

    /** A process of {@code host}, first written by the server at {@code ingested}. */
    static Map<String, Object> process(String host, String name, String executable, Instant ingested) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", Values.formatDate(ingested.minus(Duration.ofMinutes(3))));
        d.put("event", Map.of("ingested", Values.formatDate(ingested)));
        d.put("agent7", Map.of("type", "process", "present", true));
        d.put("host", Map.of("id", host, "name", host + ".example"));
        d.put("process", Map.of("pid", 1000, "name", name, "executable", executable, "user", Map.of("name", "bob")));
        return d;
    }

    static void plant(String index, List<Map<String, Object>> documents) throws Exception {
        List<BulkOperation> operations = new ArrayList<>();
        for (Map<String, Object> d : documents) {
            String id = UUID.randomUUID().toString();
            String host = ((Map<?, ?>) d.get("host")).get("id").toString();
            operations.add(BulkOperation.of(
                    o -> o.index(i -> i.index(index).id(id).routing(host).document(d))));
        }
        BulkResponse response = client.bulk(b -> b.operations(operations));
        assertThat(response.errors()).as("%s", response.items()).isFalse();
        TestElasticsearch.refresh(index);
    }

    static long alertsOf(Rule rule) {
        TestElasticsearch.refresh("agent7-alerts");
        return TestElasticsearch.count("agent7-alerts", "{\"term\":{\"rule.id\":\"" + rule.id() + "\"}}");
    }

    static Window window(long fromMinute, long toMinute) {
        return new Window(T0.plus(Duration.ofMinutes(fromMinute)), T0.plus(Duration.ofMinutes(toMinute)));
    }

    @Test
    void aQueryRuleAlertsOncePerItemFirstIngestedInItsWindowWhateverTheOverlaps() throws Exception {
        String host = "q-" + RUN;
        plant(
                "agent7-process",
                List.of(
                        process(host, RUN + "-evil", "C:\\Temp\\a.exe", T0.plus(Duration.ofMinutes(2))),
                        process(host, RUN + "-evil", "C:\\Temp\\b.exe", T0.plus(Duration.ofMinutes(4))),
                        process(host, RUN + "-good", "C:\\Temp\\c.exe", T0.plus(Duration.ofMinutes(4))),
                        process(host, RUN + "-evil", "C:\\Temp\\early.exe", T0.minus(Duration.ofMinutes(5)))));
        Rule rule = rule("""
                id: query-RUN
                name: Evil process
                severity: high
                type: query
                query: {types: [process], text: "process.name,eq,RUN-evil"}
                """);

        RuleSearches.Result first = searches.find(rule, window(0, 5), Instant.now());
        assertThat(first.findings()).extracting(Finding::sourceId).hasSize(2);
        assertThat(first.findings())
                .extracting(Finding::reason)
                .containsExactly(
                        "Evil process: process C:\\Temp\\a.exe on " + host + ".example",
                        "Evil process: process C:\\Temp\\b.exe on " + host + ".example");
        assertThat(writer.write(rule, window(0, 5), first.findings(), Instant.now()))
                .containsOnly(AlertWriter.Outcome.CREATED);

        // A retry of the same window, and the next window overlapping it, write the same alerts.
        RuleSearches.Result again = searches.find(rule, window(0, 5), Instant.now());
        assertThat(writer.write(rule, window(0, 5), again.findings(), Instant.now()))
                .containsOnly(AlertWriter.Outcome.UNCHANGED);
        RuleSearches.Result overlapping = searches.find(rule, window(3, 10), Instant.now());
        assertThat(overlapping.findings()).hasSize(1);
        assertThat(writer.write(rule, window(3, 10), overlapping.findings(), Instant.now()))
                .containsOnly(AlertWriter.Outcome.UNCHANGED);
        assertThat(alertsOf(rule)).isEqualTo(2);

        Map<String, Object> alert = TestElasticsearch.get(
                        TestElasticsearch.url(),
                        "/agent7-alerts/_doc/" + first.findings().get(0).alertId())
                .path("_source")
                .properties()
                .stream()
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll);
        assertThat(alert.get("event").toString()).contains("\"kind\":\"signal\"", "\"severity\":73");
        assertThat(alert.get("process").toString()).contains("a.exe");
        assertThat(alert.get("user").toString()).contains("bob");
        assertThat(alert.get("host").toString()).contains(host);
    }

    @Test
    void anItemCollectedLongAgoButIngestedInTheWindowIsFound() throws Exception {
        String host = "late-" + RUN;
        Map<String, Object> late = process(host, RUN + "-late", "C:\\x.exe", T0.plus(Duration.ofMinutes(1)));
        late.put("@timestamp", Values.formatDate(T0.minus(Duration.ofDays(2))));
        plant("agent7-process", List.of(late));
        Rule rule = rule("""
                id: late-RUN
                name: Late
                severity: low
                type: query
                query: {types: [process], language: lucene, text: "process.name:RUN-late"}
                """);

        assertThat(searches.find(rule, window(0, 2), Instant.now()).findings()).hasSize(1);
    }

    @Test
    void suppressionAddsLaterMatchesToTheFirstAlertsCountAndRecountsInsteadOfAdding() throws Exception {
        String host = "s-" + RUN;
        plant(
                "agent7-process",
                List.of(
                        process(host, RUN + "-noisy", "C:\\n1.exe", T0.plus(Duration.ofMinutes(61))),
                        process(host, RUN + "-noisy", "C:\\n2.exe", T0.plus(Duration.ofMinutes(62))),
                        process(host, RUN + "-noisy", "C:\\n3.exe", T0.plus(Duration.ofMinutes(63)))));
        Rule rule = rule("""
                id: suppressed-RUN
                name: Noisy
                severity: medium
                interval: 1m
                type: query
                query: {types: [process], text: "process.name,eq,RUN-noisy"}
                suppression: {group_by: [host.id], window: 1d}
                """);

        RuleSearches.Result first = searches.find(rule, window(60, 64), Instant.now());
        assertThat(first.findings()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(3);
            assertThat(f.groupValues()).containsExactly(host);
        });
        assertThat(writer.write(rule, window(60, 64), first.findings(), Instant.now()))
                .containsExactly(AlertWriter.Outcome.CREATED);

        plant(
                "agent7-process",
                List.of(
                        process(host, RUN + "-noisy", "C:\\n4.exe", T0.plus(Duration.ofMinutes(65))),
                        process(host, RUN + "-noisy", "C:\\n5.exe", T0.plus(Duration.ofMinutes(66)))));
        for (int retry = 0; retry < 2; retry++) {
            RuleSearches.Result later = searches.find(rule, window(63, 67), Instant.now());
            assertThat(later.findings()).singleElement().satisfies(f -> {
                assertThat(f.alertId()).isEqualTo(first.findings().get(0).alertId());
                assertThat(f.count()).isEqualTo(5);
            });
            writer.write(rule, window(63, 67), later.findings(), Instant.now());
        }
        assertThat(alertsOf(rule)).isEqualTo(1);
        assertThat(TestElasticsearch.get(
                                TestElasticsearch.url(),
                                "/agent7-alerts/_doc/" + first.findings().get(0).alertId())
                        .path("_source")
                        .path("alert")
                        .path("count")
                        .asLong())
                .isEqualTo(5);
    }

    @Test
    void aThresholdRuleAlertsOnTheGroupsThatReachTheCount() throws Exception {
        String busy = "busy-" + RUN;
        String calm = "calm-" + RUN;
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(process(busy, RUN + "-burst", "C:\\b" + i + ".exe", T0.plus(Duration.ofMinutes(121 + i))));
        }
        for (int i = 0; i < 2; i++) {
            items.add(process(calm, RUN + "-burst", "C:\\c" + i + ".exe", T0.plus(Duration.ofMinutes(121 + i))));
        }
        plant("agent7-process", items);
        Rule rule = rule("""
                id: threshold-RUN
                name: Burst
                severity: medium
                type: threshold
                query: {types: [process], text: "process.name,eq,RUN-burst"}
                threshold: {group_by: [host.id], count: 3}
                """);

        RuleSearches.Result result = searches.find(rule, window(120, 125), Instant.now());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.groupValues()).containsExactly(busy);
            assertThat(f.count()).isEqualTo(3);
            assertThat(f.reason()).isEqualTo("Burst: 3 process items with host.id=" + busy + " (threshold 3)");
        });
        writer.write(rule, window(120, 125), result.findings(), Instant.now());
        writer.write(
                rule,
                window(120, 125),
                searches.find(rule, window(120, 125), Instant.now()).findings(),
                Instant.now());
        assertThat(alertsOf(rule)).isEqualTo(1);
    }

    @Test
    void aNewTermsRuleAlertsOnValuesTheHistoryDoesNotHave() throws Exception {
        String host = "nt-" + RUN;
        plant(
                "agent7-process",
                List.of(
                        process(host, RUN + "-svc", "C:\\old.exe", T0.minus(Duration.ofDays(10))),
                        process(host, RUN + "-svc", "C:\\old.exe", T0.plus(Duration.ofMinutes(181))),
                        process(host, RUN + "-svc", "C:\\new.exe", T0.plus(Duration.ofMinutes(182))),
                        process(host, RUN + "-svc", "C:\\new.exe", T0.plus(Duration.ofMinutes(183)))));
        Rule rule = rule("""
                id: new-terms-RUN
                name: New program
                severity: low
                type: new_terms
                query: {types: [process], text: "process.name,eq,RUN-svc"}
                new_terms: {fields: [host.id, process.executable], history: 30d}
                """);

        RuleSearches.Result result = searches.find(rule, window(180, 185), Instant.now());
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.groupValues()).containsExactly(host, "C:\\new.exe");
            assertThat(f.count()).isEqualTo(2);
        });
        // The next window overlaps the first arrival: the same alert, not a second.
        RuleSearches.Result next = searches.find(rule, window(182, 190), Instant.now());
        assertThat(next.findings())
                .extracting(Finding::alertId)
                .containsExactly(result.findings().get(0).alertId());
        // A window after the first arrival: the value is in the history now.
        assertThat(searches.find(rule, window(183, 190), Instant.now()).findings())
                .isEmpty();
    }

    @Test
    void anAbsenceRuleAlertsOncePerSilence() throws Exception {
        Instant now = Instant.now();
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (String name : List.of("silent-" + RUN, "alive-" + RUN, "long-" + RUN)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("@timestamp", Values.formatDate(now.minus(Duration.ofDays(1))));
            d.put("agent7", Map.of("type", "host", "present", true));
            d.put("host", Map.of("id", name, "name", name, "os", Map.of("family", "linux")));
            // The silent host crossed its 30 minutes 20 s ago; the long-silent one, days ago.
            Instant last = name.startsWith("silent")
                    ? now.minus(Duration.ofMinutes(30)).minusSeconds(20)
                    : name.startsWith("long") ? now.minus(Duration.ofDays(3)) : now.minusSeconds(30);
            d.put("host_state", Map.of("last_checkin", Values.formatDate(last), "group", "g-" + RUN));
            hosts.add(d);
        }
        plant("agent7-host", hosts);
        Rule rule = rule("""
                id: absence-RUN
                name: Host silent
                severity: medium
                type: absence
                query: {types: [host], text: "host_state.group,eq,g-RUN"}
                absence: {silent_for: 30m}
                """);

        RuleSearches.Result result = searches.find(rule, new Window(now.minusSeconds(60), now), now);
        assertThat(result.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.groupValues()).containsExactly("silent-" + RUN));
        // An overlapping window finds the same silence (the same alert); the next one, nothing.
        assertThat(searches.find(rule, new Window(now.minusSeconds(30), now.plusSeconds(30)), now.plusSeconds(30))
                        .findings())
                .extracting(Finding::alertId)
                .containsExactly(result.findings().get(0).alertId());
        assertThat(searches.find(rule, new Window(now, now.plusSeconds(60)), now.plusSeconds(60))
                        .findings())
                .isEmpty();
    }
}
