package io.agent7.detections.engine;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.rules.Rule;
import io.agent7.rules.RuleValidator;
import io.agent7.rules.RuleYaml;
import io.agent7.rules.elasticsearch.AlertWriter;
import io.agent7.rules.elasticsearch.RuleSearches;
import io.agent7.rules.elasticsearch.RuleState;
import io.agent7.rules.elasticsearch.RuleStates;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The engine against the real node, with real time: two instances sharing rules (and one
 * dying half-way), catching up after downtime, and a failing rule among healthy ones. Rules,
 * hosts and items are this run's own; the node is shared with other tests.
 */
@ExtendWith(ElasticsearchExtension.class)
class DetectionEngineIT {

    static final Schema SCHEMA = Schema.standard();
    static final Duration OVERLAP = Duration.ofSeconds(8);

    static RestClient rest;
    static ElasticsearchClient client;

    @BeforeAll
    static void connect() {
        URI es = TestElasticsearch.url();
        new SchemaInstaller(new ElasticsearchHttp(es, null, null), SCHEMA, IndexSettings.DEFAULTS).install();
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    @AfterAll
    static void close() throws Exception {
        rest.close();
    }

    static DetectionsProperties properties(String instance, Duration maxWindow, Duration maxCatchUp) {
        return new DetectionsProperties(
                instance,
                Duration.ofMillis(500),
                Duration.ofSeconds(6),
                4,
                maxWindow,
                maxCatchUp,
                3,
                Duration.ofSeconds(20),
                Duration.ofSeconds(1),
                false);
    }

    static DetectionEngine engine(
            DetectionsProperties properties, Map<String, Rule> rules, DetectionEngine.RuleFinder finder) {
        return new DetectionEngine(
                properties,
                () -> rules,
                new RuleStates(client, SCHEMA),
                finder,
                new AlertWriter(client, SCHEMA),
                new RuleRuns(client, SCHEMA, properties.instance()),
                new RuleValidator(SCHEMA, Clock.systemUTC()),
                (rule, finding, alert) -> {},
                Clock.systemUTC());
    }

    static DetectionEngine.RuleFinder real() {
        return new RuleSearches(client, SCHEMA)::find;
    }

    static Rule rule(String id, String processName) {
        return RuleYaml.read("""
                id: %s
                name: Process %s
                severity: medium
                interval: 10s
                overlap: %ds
                type: query
                query: {types: [process], text: "process.name,eq,%s"}
                """.formatted(id, processName, OVERLAP.toSeconds(), processName), Rule.CUSTOM);
    }

    /** Items of {@code processName}, first written now (as the ingest API stamps them). */
    static void plant(String host, String processName, int count, Instant ingested) throws Exception {
        List<BulkOperation> operations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("@timestamp", Values.formatDate(ingested));
            d.put("event", Map.of("ingested", Values.formatDate(ingested)));
            d.put("agent7", Map.of("type", "process", "present", true));
            d.put("host", Map.of("id", host, "name", host));
            d.put("process", Map.of("pid", i, "name", processName, "executable", "/tmp/" + UUID.randomUUID()));
            String id = UUID.randomUUID().toString();
            operations.add(BulkOperation.of(o ->
                    o.index(x -> x.index("agent7-process").id(id).routing(host).document(d))));
        }
        BulkResponse response = client.bulk(b -> b.operations(operations));
        assertThat(response.errors()).as("%s", response.items()).isFalse();
    }

    static long alertsOf(String ruleId) {
        TestElasticsearch.refresh("agent7-alerts");
        return TestElasticsearch.count("agent7-alerts", "{\"term\":{\"rule.id\":\"" + ruleId + "\"}}");
    }

    /** The rule's run records, oldest window first. */
    static List<JsonNode> runsOf(String ruleId) {
        TestElasticsearch.refresh("agent7-rule-runs");
        JsonNode hits = TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-rule-runs/_search",
                        "{\"size\":1000,\"query\":{\"term\":{\"rule.id\":\"" + ruleId + "\"}},"
                                + "\"sort\":[{\"rule_run.window_start\":\"asc\"},{\"@timestamp\":\"asc\"}]}")
                .path("hits")
                .path("hits");
        List<JsonNode> runs = new ArrayList<>();
        hits.forEach(h -> runs.add(h.path("_source")));
        return runs;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    static Instant time(JsonNode run, String field) {
        return Instant.parse(run.path("rule_run").path(field).asString());
    }

    @Test
    void twoInstancesRunTheSameRulesWithNoDuplicateAndNoMissedWindowAndOneDyingHandsOver() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String host = "two-" + run;
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (int r = 0; r < 3; r++) {
            rules.put("two-" + r + "-" + run, rule("two-" + r + "-" + run, "two-" + r + "-" + run));
        }
        Map<String, Integer> planted = new ConcurrentHashMap<>();
        DetectionEngine a = engine(properties("a-" + run, Duration.ofHours(1), Duration.ofDays(1)), rules, real());
        DetectionEngine b = engine(properties("b-" + run, Duration.ofHours(1), Duration.ofDays(1)), rules, real());
        Instant started = Instant.now();
        a.start();
        await(
                "instance a to run every rule",
                Duration.ofSeconds(60),
                () -> rules.keySet().stream().allMatch(id -> !runsOf(id).isEmpty()));
        b.start();
        // A minute of items, with instance a killed half-way: with a lease of 6 s and rules every
        // 10 s, b has run every rule several times by the end.
        Instant aDies = started.plusSeconds(30);
        Instant stopPlanting = started.plusSeconds(60);
        boolean aAlive = true;
        while (Instant.now().isBefore(stopPlanting)) {
            for (String id : rules.keySet()) {
                plant(host, id, 1, Instant.now());
                planted.merge(id, 1, Integer::sum);
            }
            if (aAlive && Instant.now().isAfter(aDies)) {
                a.close();
                aAlive = false;
            }
            Thread.sleep(2_000);
        }
        Instant lastPlanted = Instant.now();
        // Every item stamped before the last plant must be covered by a window that ends after it.
        await(
                "windows past the last item",
                Duration.ofSeconds(60),
                () -> rules.keySet().stream().allMatch(id -> {
                    List<JsonNode> runs = runsOf(id);
                    return !runs.isEmpty()
                            && time(runs.get(runs.size() - 1), "window_start")
                                    .isAfter(lastPlanted.plus(Duration.ofSeconds(6)));
                }));
        b.close();

        for (String id : rules.keySet()) {
            assertThat(alertsOf(id))
                    .as("alerts of %s: one per item", id)
                    .isEqualTo(planted.get(id).longValue());
            List<JsonNode> runs = runsOf(id);
            assertThat(runs)
                    .allSatisfy(
                            r -> assertThat(r.path("rule_run").path("outcome").asString())
                                    .isEqualTo("success"));
            for (int i = 1; i < runs.size(); i++) {
                Instant previousEnd = time(runs.get(i - 1), "window_end");
                Instant start = time(runs.get(i), "window_start");
                assertThat(start)
                        .as("%s run %d starts no later than the previous window's end (no hole)", id, i)
                        .isBeforeOrEqualTo(previousEnd);
                assertThat(start)
                        .as("%s run %d repeats no more than the overlap (no window run twice)", id, i)
                        .isAfterOrEqualTo(previousEnd.minus(OVERLAP));
            }
            List<String> instances = runs.stream()
                    .map(r -> r.path("rule_run").path("instance").asString())
                    .toList();
            assertThat(instances).as("%s ran on a, then moved to b", id).contains("a-" + run, "b-" + run);
            assertThat(instances.get(instances.size() - 1)).isEqualTo("b-" + run);
        }
    }

    @Test
    void afterDowntimeTheEngineCatchesUpInBoundedWindowsAndReportsWhatIsTooOld() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Rule rule = rule("catch-up-" + run, "catch-up-" + run);
        Instant now = Instant.now();
        // The engine last ran three hours ago; it catches up two hours, one hour at a time.
        RuleState state = new RuleState(
                rule.id(),
                "gone",
                now.minus(Duration.ofHours(3)),
                now.minus(Duration.ofHours(3)),
                rule.version(),
                0,
                null,
                false,
                null,
                now.minus(Duration.ofHours(3)),
                null,
                null,
                null);
        assertThat(new RuleStates(client, SCHEMA).write(state)).isNotNull();
        plant("catch-up-" + run, rule.id(), 1, now.minus(Duration.ofMinutes(150))); // in the gap: not searched
        plant("catch-up-" + run, rule.id(), 2, now.minus(Duration.ofMinutes(90)));
        plant("catch-up-" + run, rule.id(), 1, now.minus(Duration.ofMinutes(20)));
        TestElasticsearch.refresh("agent7-process");

        DetectionEngine engine = engine(
                properties("c-" + run, Duration.ofHours(1), Duration.ofHours(2)), Map.of(rule.id(), rule), real());
        engine.start();
        try {
            await(
                    "the catch-up",
                    Duration.ofSeconds(60),
                    () -> runsOf(rule.id()).stream()
                            .anyMatch(r -> r.path("rule_run")
                                    .path("trigger")
                                    .asString()
                                    .equals("schedule")));
        } finally {
            engine.close();
        }

        List<JsonNode> runs = runsOf(rule.id());
        JsonNode first = runs.get(0);
        assertThat(time(first, "gap_start"))
                .isEqualTo(now.minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(Duration.between(time(first, "gap_start"), time(first, "gap_end")))
                .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(runs)
                .filteredOn(r -> r.path("rule_run").path("trigger").asString().equals("catch_up"))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(r -> assertThat(Duration.between(time(r, "window_start"), time(r, "window_end")))
                        .isLessThanOrEqualTo(Duration.ofHours(1).plus(OVERLAP)));
        assertThat(alertsOf(rule.id())).as("the three items after the gap").isEqualTo(3);
    }

    @Test
    void aRuleThatKeepsFailingRecordsItsErrorsBacksOffIsFlaggedAndNeverStopsTheOthers() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Rule broken = rule("broken-" + run, "broken-" + run);
        Rule healthy = rule("healthy-" + run, "healthy-" + run);
        DetectionEngine.RuleFinder searches = real();
        DetectionEngine.RuleFinder finder = (rule, window, now) -> {
            if (rule.id().equals(broken.id())) {
                throw new IllegalStateException("no such index [agent7-gone]");
            }
            return searches.find(rule, window, now);
        };
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put(broken.id(), broken);
        rules.put(healthy.id(), healthy);
        DetectionEngine engine = engine(properties("f-" + run, Duration.ofHours(1), Duration.ofDays(1)), rules, finder);
        engine.start();
        try {
            plant("f-" + run, healthy.id(), 1, Instant.now());
            await(
                    "the broken rule to be flagged",
                    Duration.ofSeconds(90),
                    () -> new RuleStates(client, SCHEMA)
                            .all()
                            .getOrDefault(broken.id(), RuleState.fresh(broken.id()))
                            .flagged());
            await("the healthy rule's alert", Duration.ofSeconds(30), () -> alertsOf(healthy.id()) == 1);
            int failures = runsOf(broken.id()).size();
            Thread.sleep(12_000); // more than its interval: flagged, it is not run again
            assertThat(runsOf(broken.id())).hasSize(failures);
        } finally {
            engine.close();
        }
        List<JsonNode> failed = runsOf(broken.id());
        assertThat(failed).hasSize(3).allSatisfy(r -> {
            assertThat(r.path("rule_run").path("outcome").asString()).isEqualTo("failure");
            assertThat(r.path("rule_run").path("error").asString()).isEqualTo("no such index [agent7-gone]");
        });
        // Backing off: 10 s, then 20 s between the tries.
        List<Instant> starts = failed.stream()
                .map(r -> Instant.parse(r.path("@timestamp").asString()))
                .sorted()
                .toList();
        assertThat(Duration.between(starts.get(1), starts.get(2)))
                .isGreaterThan(Duration.between(starts.get(0), starts.get(1)));
        assertThat(runsOf(healthy.id()))
                .allSatisfy(r -> assertThat(r.path("rule_run").path("outcome").asString())
                        .isEqualTo("success"));
        assertThat(runsOf(healthy.id()).size()).isGreaterThanOrEqualTo(3);
    }
}
