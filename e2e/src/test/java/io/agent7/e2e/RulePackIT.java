package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.e2e.rulepack.FleetScope;
import io.agent7.e2e.rulepack.PackHost;
import io.agent7.e2e.rulepack.PackIndices;
import io.agent7.e2e.rulepack.RulePlant;
import io.agent7.rules.BuiltinRules;
import io.agent7.rules.Finding;
import io.agent7.rules.Rule;
import io.agent7.rules.Window;
import io.agent7.rules.elasticsearch.AlertWriter;
import io.agent7.rules.elasticsearch.RuleSearches;
import io.agent7.schema.Schema;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built-in rule pack on the whole path: each rule's fixture is planted through the ingest
 * API (its jar, on the run's node) by simulated hosts of this run's own, the match items on
 * one host and the near misses on another; then the rule runs with the detection engine's own
 * search and alert writer, and must alert on its match host and not on its near-miss host.
 * Everything is planted first and searched once; each rule is then a test of its own.
 */
@ExtendWith(ElasticsearchExtension.class)
class RulePackIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String SITE_KEY = "sk_pack_" + UUID.randomUUID();
    static final Schema SCHEMA = Schema.standard();
    /**
     * Between what must be ingested before a window and the window's start, and between the
     * check-ins of hosts that fall silent and of those still alive: comfortably more than the
     * millisecond the server's clock stamps them in.
     */
    static final Duration PAUSE = Duration.ofMillis(1500);

    static ServiceProcess ingest;
    static RestClient rest;
    static ElasticsearchClient client;
    static final Map<String, RulePlant> plants = new LinkedHashMap<>();
    static final Set<String> runHosts = new HashSet<>();
    /** The last check-in of each absence rule's host, by host id. */
    static Map<String, Instant> checkins = Map.of();
    /** From just before the items were planted (after new-terms history) to after they were searchable. */
    static Window window;

    @BeforeAll
    static void plantThePack() throws Exception {
        URI es = TestElasticsearch.url();
        ingest = ServiceProcess.start(
                "ingest-api",
                Map.of(
                        "AGENT7_ELASTICSEARCH_URL", es.toString(),
                        "AGENT7_STATE_DIR",
                                Files.createTempDirectory("agent7-pack-ingest").toString(),
                        "AGENT7_BOOTSTRAP_SITE_KEY", SITE_KEY));
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));

        Instant loaded = Instant.now();
        for (Rule rule : BuiltinRules.load().values()) {
            plants.put(rule.id(), new RulePlant(rule, loaded, RUN));
        }
        URI api = ingest.url("/");
        // Enrolling waits for Elasticsearch to refresh (a second): the hundred-odd hosts enroll together.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CompletableFuture.allOf(plants.values().stream()
                            .map(plant -> plant.enroll(pool, api, SITE_KEY, RUN))
                            .toArray(CompletableFuture[]::new))
                    .join();
            for (RulePlant plant : plants.values()) {
                Stream.concat(plant.matchHosts().stream(), plant.nearMissHosts().stream())
                        .forEach(h -> runHosts.add(h.id()));
            }
            // event.ingested is the ingest API's clock at an item's first write: new-terms
            // history goes in first, and the window starts after it.
            eachPlant(pool, RulePlant::plantHistory);
            Thread.sleep(PAUSE.toMillis());
            Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            eachPlant(pool, RulePlant::plantItems);
            eachPlant(pool, RulePlant::checkInMatch);
            Thread.sleep(PAUSE.toMillis());
            eachPlant(pool, RulePlant::checkInNearMiss);
            checkins = PackIndices.lastCheckins(absenceHosts());
            TestElasticsearch.refresh("agent7-*");
            window = new Window(start, Instant.now());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One step of every rule's planting, the rules side by side; a rule's failure is its own. */
    private static void eachPlant(ExecutorService pool, Consumer<RulePlant> step) {
        CompletableFuture.allOf(plants.values().stream()
                        .map(plant -> CompletableFuture.runAsync(() -> step.accept(plant), pool))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    @AfterAll
    static void stop() throws Exception {
        FleetSupport.closeAll(ingest, rest);
    }

    @TestFactory
    Stream<DynamicTest> eachRuleAlertsOnItsMatchHostAndNotOnItsNearMissHost() {
        return plants.values().stream().map(plant -> dynamicTest(plant.rule().id(), () -> check(plant)));
    }

    private static void check(RulePlant plant) {
        Rule rule = plant.rule();
        if (plant.failure() != null) {
            throw new AssertionError(
                    "Planting the fixture of " + rule.id() + " failed: " + plant.failure(), plant.failure());
        }
        List<String> matchHosts = ids(plant.matchHosts());
        List<String> nearMissHosts = ids(plant.nearMissHosts());
        Window evaluated = rule.type() == Rule.Type.ABSENCE ? absenceWindow(plant) : window;
        // As shipped, but where the rule looks back over the whole (shared) fleet: see FleetScope.
        Rule searched =
                FleetScope.fleetWide(rule) ? FleetScope.narrowed(rule, concat(matchHosts, nearMissHosts)) : rule;

        RuleSearches.Result result = new RuleSearches(client, SCHEMA).find(searched, evaluated, evaluated.end());
        // Only what is about this run's hosts: the node is shared, and other tests' items may be in the window.
        List<Finding> ours = result.findings().stream()
                .filter(f -> runHosts.contains(FleetScope.hostOf(f)))
                .toList();
        AlertWriter writer = new AlertWriter(client, SCHEMA);
        // Written at the real time, also for an absence rule evaluated as of later.
        writer.write(rule, evaluated, ours, Instant.now());
        TestElasticsearch.refresh(writer.index());

        List<PackIndices.Alert> onMatch = PackIndices.alerts(writer.index(), rule.id(), matchHosts);
        List<PackIndices.Alert> onNearMiss = PackIndices.alerts(writer.index(), rule.id(), nearMissHosts);
        List<String> rulesHosts = concat(matchHosts, nearMissHosts);
        String found = "its findings about its hosts over " + evaluated + " (of " + result.hits() + " hits, truncated: "
                + result.truncated() + "):\n  "
                + String.join(
                        "\n  ",
                        ours.stream()
                                .filter(f -> rulesHosts.contains(FleetScope.hostOf(f)))
                                .map(Finding::reason)
                                .toList());
        assertThat(onNearMiss)
                .as("%s: alerts on its near-miss host(s) %s; %s", rule.id(), nearMissHosts, found)
                .isEmpty();
        int items = plant.fixture().matchItems();
        if (rule.type() == Rule.Type.THRESHOLD || rule.suppression() != null) {
            // A group's alert counts its items: every match item, and no near miss, is in one.
            assertThat(onMatch)
                    .as("%s: alerts on its match host(s) %s; %s", rule.id(), matchHosts, found)
                    .isNotEmpty();
            assertThat(onMatch.stream().mapToLong(PackIndices.Alert::count).sum())
                    .as("%s: match items counted in its alerts %s; %s", rule.id(), onMatch, found)
                    .isEqualTo(items);
        } else {
            assertThat(onMatch)
                    .as("%s: alerts on its match host(s) %s, one per match item; %s", rule.id(), matchHosts, found)
                    .hasSize(items);
        }
    }

    /**
     * An absence rule is evaluated as if its window ended {@code silent_for} after its match
     * hosts' check-ins: nobody waits a day. The check-in time is the API's clock, so the hosts
     * check in now and the window's end is moved instead. Without a query, the near miss is a
     * host still alive: it checked in after the match hosts ({@link #PAUSE} later), and the
     * cutoff ({@code end - silent_for}) falls between the two. With one, every host of the
     * fixture falls silent, and only the query keeps the near miss out.
     */
    private static Window absenceWindow(RulePlant plant) {
        Rule rule = plant.rule();
        List<Instant> silent = times(plant.matchHosts());
        List<Instant> alive = times(plant.nearMissHosts());
        Instant lastSilent = silent.stream().max(Comparator.naturalOrder()).orElseThrow();
        Instant cutoff;
        if (rule.query() == null) {
            Instant firstAlive = alive.stream().min(Comparator.naturalOrder()).orElseThrow();
            assertThat(firstAlive)
                    .as("the near-miss host's check-in, after the match host's")
                    .isAfter(lastSilent);
            cutoff = lastSilent.plus(Duration.between(lastSilent, firstAlive).dividedBy(2));
        } else {
            cutoff = concat(silent, alive).stream()
                    .max(Comparator.naturalOrder())
                    .orElseThrow()
                    .plusSeconds(1);
        }
        return new Window(window.start(), cutoff.plus(rule.absence().silentFor()));
    }

    private static List<Instant> times(List<PackHost> hosts) {
        return hosts.stream()
                .map(h -> {
                    Instant at = checkins.get(h.id());
                    assertThat(at).as("the last check-in of %s", h.name()).isNotNull();
                    return at;
                })
                .toList();
    }

    /** The hosts of the absence rules whose planting went well. */
    private static List<String> absenceHosts() {
        List<String> hosts = new ArrayList<>();
        for (RulePlant plant : plants.values()) {
            if (plant.rule().type() == Rule.Type.ABSENCE && plant.failure() == null) {
                hosts.addAll(ids(plant.matchHosts()));
                hosts.addAll(ids(plant.nearMissHosts()));
            }
        }
        return hosts;
    }

    private static List<String> ids(List<PackHost> hosts) {
        return hosts.stream().map(PackHost::id).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
