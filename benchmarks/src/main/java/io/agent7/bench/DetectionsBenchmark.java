package io.agent7.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.rules.BuiltinRules;
import io.agent7.rules.Rule;
import io.agent7.rules.RuleYaml;
import io.agent7.rules.Window;
import io.agent7.rules.elasticsearch.RuleSearches;
import io.agent7.rules.elasticsearch.RuleStore;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.testkit.ServiceProcess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./agent7 bench detections}: {@code --rules} (200) one-minute rules on one detection
 * instance over a {@code --hosts} (10,000) simulated fleet, for {@code --minutes} (5). The
 * rules are the built-in pack's, each copied with a one-minute interval until there are
 * enough, and {@code --planted} (10) rules that match items this benchmark plants while the
 * engine runs, for the alert latency: from an item's first write ({@code event.ingested}) to
 * its alert being searchable. It prints: whether every rule ran every minute, the lag of the
 * slowest rule (how late its runs started after they were due), run times, alert latency, and
 * side by side the same rules' searches run bare, one after another, once: the engine's
 * per-minute work against the searches alone. Target: every rule every minute with lag under
 * 10 s, latency under interval + 10 s. (Kibana's task manager is documented at about 200
 * one-minute rules per instance.)
 */
public final class DetectionsBenchmark {

    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Schema SCHEMA = Schema.standard();

    private DetectionsBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "hosts", "rules", "minutes", "planted", "threads", "workers", "root");
        URI es = URI.create(args.get("es"));
        int hosts = args.integer("hosts", 10_000);
        int ruleCount = args.integer("rules", 200);
        int minutes = args.integer("minutes", 5);
        int planted = args.integer("planted", 10);
        int workers = args.integer("workers", 8);
        int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
        if (hosts < 1 || ruleCount < planted || minutes < 2 || planted < 1 || workers < 1) {
            throw new IllegalArgumentException(
                    "--hosts and --planted must be 1 or more, --rules at least --planted, --minutes at least 2");
        }
        System.setProperty("agent7.root", args.get("root", "."));

        System.out.printf("%n==> %,d hosts: writing the simulated fleet (%d threads)%n", hosts, threads);
        SimulatedFleet.Built built = new SimulatedFleet(es).build(hosts, threads);
        System.out.printf(
                "    built and indexed %,d documents in %.0f s: %s%n",
                built.total(), built.seconds(), built.documents());

        try (RestClient rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build()) {
            ElasticsearchClient client =
                    new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            String run = UUID.randomUUID().toString().substring(0, 6);
            List<Rule> rules = rules(ruleCount, planted, run);
            RuleStore store = new RuleStore(client, SCHEMA, false);
            for (Rule rule : rules) {
                store.save(rule, 0, "bench", Instant.now());
            }
            System.out.printf(
                    "    saved %d one-minute rules (%d of them matching planted items)%n", rules.size(), planted);

            double bare = bare(client, rules);
            System.out.printf(
                    Locale.ROOT,
                    "    baseline: the %d rules' searches run bare, one after another, once:" + " %.1f s%n",
                    rules.size(),
                    bare);

            Map<String, String> environment = Map.of(
                    "AGENT7_ELASTICSEARCH_URL", es.toString(),
                    "AGENT7_BOOTSTRAP_ADMIN_PASSWORD", "bench-detections-password",
                    "AGENT7_STATE_DIR",
                            Files.createTempDirectory("agent7-bench-detections").toString());
            BenchStack.step("starting the detection service (one instance, " + workers + " workers)");
            Instant started;
            Map<String, Instant> plantedAt = new LinkedHashMap<>();
            Map<String, Instant> seenAt = new HashMap<>();
            try (ServiceProcess detections = ServiceProcess.start(
                    "detections",
                    environment,
                    "--agent7.detections.builtin=false",
                    "--agent7.detections.workers=" + workers)) {
                started = Instant.now();
                Instant end = started.plus(Duration.ofMinutes(minutes));
                int round = 0;
                System.out.printf("    running %d minutes; planting one item per planted rule every 20 s%n", minutes);
                while (Instant.now().isBefore(end)) {
                    if (Instant.now().isBefore(end.minusSeconds(75))) {
                        for (int p = 0; p < planted; p++) {
                            String id = "bench-" + run + "-" + round + "-" + p;
                            plant(es, id, "bench-plant-" + run + "-" + p);
                            plantedAt.put(id, Instant.now());
                        }
                        round++;
                    }
                    long until = System.currentTimeMillis() + 20_000;
                    while (System.currentTimeMillis() < until) {
                        poll(es, run, plantedAt, seenAt);
                        Thread.sleep(500);
                    }
                }
                poll(es, run, plantedAt, seenAt);
            }
            report(es, rules, started, minutes, plantedAt, seenAt, bare, hosts);
        }
    }

    /** The pack's rules as one-minute rules, copied under new ids until there are enough, and the planted ones. */
    private static List<Rule> rules(int count, int planted, String run) {
        List<Rule> pack = new ArrayList<>(BuiltinRules.load().values());
        List<Rule> rules = new ArrayList<>();
        for (int p = 0; p < planted; p++) {
            rules.add(RuleYaml.read("""
                    id: bench-%s-planted-%d
                    name: Planted %d
                    severity: high
                    interval: 1m
                    type: query
                    query: {types: [scheduled_task], text: "scheduled_task.name,eq,bench-plant-%s-%d"}
                    """.formatted(run, p, p, run, p), Rule.CUSTOM));
        }
        for (int i = 0; rules.size() < count; i++) {
            Rule base = pack.get(i % pack.size());
            String yaml = RuleYaml.write(base.withEnabled(true))
                    .replaceFirst("(?m)^id: .*$", "id: \"bench-" + run + "-" + i + "-" + base.id() + "\"")
                    .replaceFirst("(?m)^interval: .*$", "interval: \"1m\"")
                    .replaceFirst("(?m)^version: .*$", "version: 1")
                    .replaceAll("(?ms)^notify:.*", "");
            rules.add(RuleYaml.read(yaml, Rule.CUSTOM));
        }
        return rules;
    }

    /** Seconds for every rule's search over the last minute, run bare, one after another. */
    private static double bare(ElasticsearchClient client, List<Rule> rules) {
        RuleSearches searches = new RuleSearches(client, SCHEMA);
        Instant now = Instant.now();
        Window window = new Window(now.minus(INTERVAL).minus(Rule.DEFAULT_OVERLAP), now);
        long start = System.nanoTime();
        for (Rule rule : rules) {
            searches.find(rule, window, now);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A scheduled task on a host of its own, written as the ingest API writes one: stamped now. */
    private static void plant(URI es, String id, String taskName) {
        String now = Values.formatDate(Instant.now());
        String host = "bench-host-" + id;
        String body = "{\"@timestamp\":\"" + now + "\",\"event\":{\"ingested\":\"" + now + "\"},"
                + "\"agent7\":{\"type\":\"scheduled_task\",\"present\":true},\"host\":{\"id\":\"" + host
                + "\",\"name\":\"" + host + "\"},\"scheduled_task\":{\"name\":\"" + taskName + "\",\"path\":\"\\\\"
                + taskName + "\"},\"process\":{\"executable\":\"C:\\\\Temp\\\\" + id + ".exe\"}}";
        Http.send(
                es.resolve("/agent7-scheduled_task/_doc/" + id + "?routing=" + host),
                "PUT",
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                null);
    }

    /** Notes when each planted item's alert first became searchable. */
    private static void poll(URI es, String run, Map<String, Instant> plantedAt, Map<String, Instant> seenAt) {
        if (seenAt.size() == plantedAt.size()) {
            return;
        }
        String query = "{\"size\":1000,\"_source\":[\"alert.source_id\"],\"query\":{\"prefix\":{\"rule.id\":\"bench-"
                + run + "-planted-\"}}}";
        JsonNode hits = Http.send(
                        es.resolve("/agent7-alerts/_search"),
                        "POST",
                        "application/json",
                        query.getBytes(StandardCharsets.UTF_8),
                        null)
                .path("hits")
                .path("hits");
        Instant now = Instant.now();
        for (JsonNode hit : hits) {
            String source = hit.path("_source").path("alert").path("source_id").asString();
            if (plantedAt.containsKey(source)) {
                seenAt.putIfAbsent(source, now);
            }
        }
    }

    private static void report(
            URI es,
            List<Rule> rules,
            Instant started,
            int minutes,
            Map<String, Instant> plantedAt,
            Map<String, Instant> seenAt,
            double bare,
            int hosts) {
        Http.send(es.resolve("/agent7-rule-runs/_refresh"), "POST", "application/json", new byte[0], null);
        // The first minute is the start: rules start one after another as the service comes up.
        Instant from = started.plus(INTERVAL);
        Instant to = started.plus(Duration.ofMinutes(minutes));
        String query = "{\"size\":10000,\"_source\":[\"rule.id\",\"rule_run.*\",\"@timestamp\"],\"query\":{\"bool\":"
                + "{\"filter\":[{\"range\":{\"@timestamp\":{\"gte\":\"" + from + "\",\"lt\":\"" + to + "\"}}},"
                + "{\"prefix\":{\"rule.id\":\"" + rules.get(0).id().replaceAll("-planted-0$", "") + "\"}}]}}}";
        JsonNode hits = Http.send(
                        es.resolve("/agent7-rule-runs/_search"),
                        "POST",
                        "application/json",
                        query.getBytes(StandardCharsets.UTF_8),
                        null)
                .path("hits")
                .path("hits");
        Map<String, Integer> runsPerRule = new HashMap<>();
        Map<String, Long> maxLagPerRule = new HashMap<>();
        List<Long> lags = new ArrayList<>();
        List<Long> durations = new ArrayList<>();
        long failures = 0;
        long busyMillis = 0;
        for (JsonNode hit : hits) {
            JsonNode r = hit.path("_source");
            runsPerRule.merge(r.path("rule").path("id").asString(), 1, Integer::sum);
            maxLagPerRule.merge(
                    r.path("rule").path("id").asString(),
                    r.path("rule_run").path("lag_ms").asLong(),
                    Math::max);
            lags.add(r.path("rule_run").path("lag_ms").asLong() * 1_000_000);
            long took = r.path("rule_run").path("duration_ms").asLong();
            durations.add(took * 1_000_000);
            busyMillis += took;
            if (!"success".equals(r.path("rule_run").path("outcome").asString())) {
                failures++;
            }
        }
        // Every minute: each run started within 10 s of being due (one interval after the last
        // window's end), and as many runs as whole minutes measured, less one for where the
        // measured span cuts the schedule.
        int expected = minutes - 1;
        long everyMinute = rules.stream()
                .filter(r -> runsPerRule.getOrDefault(r.id(), 0) >= expected - 1
                        && maxLagPerRule.getOrDefault(r.id(), Long.MAX_VALUE) < 10_000)
                .count();
        Latencies lag = Latencies.of(lags.isEmpty() ? List.of(0L) : lags);
        Latencies took = Latencies.of(durations.isEmpty() ? List.of(0L) : durations);
        List<Long> latencies = new ArrayList<>();
        for (var entry : seenAt.entrySet()) {
            latencies.add(Duration.between(plantedAt.get(entry.getKey()), entry.getValue())
                    .toNanos());
        }
        Latencies latency = Latencies.of(latencies.isEmpty() ? List.of(Long.MAX_VALUE / 2) : latencies);
        double perMinute = busyMillis / 1000.0 / expected;
        System.out.printf(
                Locale.ROOT,
                "    %d of %d rules ran every minute (%d runs in %d minutes, %d failed)%n",
                everyMinute,
                rules.size(),
                hits.size(),
                expected,
                failures);
        System.out.printf(
                Locale.ROOT, "    lag: p50 %.0f ms, p95 %.0f ms, slowest %.0f ms%n", lag.p50(), lag.p95(), lag.max());
        System.out.printf(
                Locale.ROOT,
                "    run time: p50 %.0f ms, p95 %.0f ms; engine busy %.1f s a minute"
                        + " against %.1f s for the searches bare (%.2f×)%n",
                took.p50(),
                took.p95(),
                perMinute,
                bare,
                perMinute / bare);
        System.out.printf(
                Locale.ROOT,
                "    alert latency: %d of %d planted items alerted; p50 %.1f s, p95 %.1f s," + " max %.1f s%n",
                seenAt.size(),
                plantedAt.size(),
                latency.p50() / 1000,
                latency.p95() / 1000,
                latency.max() / 1000);
        System.out.printf(
                Locale.ROOT,
                "RESULT detections hosts=%d rules=%d every_minute=%d/%d slowest_lag=%.0fms p95_lag=%.0fms"
                        + " p95_run=%.0fms busy_per_minute=%.1fs bare_searches=%.1fs busy_vs_bare=%.2f"
                        + " alert_latency_p95=%.1fs alert_latency_max=%.1fs alerted=%d/%d"
                        + " (target: all every minute, lag < 10 s, latency < 70 s)%n",
                hosts,
                rules.size(),
                everyMinute,
                rules.size(),
                lag.max(),
                lag.p95(),
                took.p95(),
                perMinute,
                bare,
                perMinute / bare,
                latency.p95() / 1000,
                latency.max() / 1000,
                seenAt.size(),
                plantedAt.size());
    }
}
