package io.agent7.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * {@code ./agent7 bench query}: what the query language costs. First the CPU of parsing,
 * binding and compiling each of the fixed {@link Questions} (JMH, {@link CompileTimes}); then,
 * for each fleet size, a simulated fleet written into the node ({@link SimulatedFleet}), the
 * questions asked of it ({@link FleetQuestions}) with their p50 and p95, each against the
 * plain single-type question of the same run, and the seed question's join filter on the
 * key field against a boolean of pairs ({@link JoinFilters}).
 */
public final class QueryBenchmark {

    /** The target for the seed question at 10,000 hosts. */
    private static final double SEED_P95_TARGET_MILLIS = 300;

    private QueryBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "hosts", "runs", "warmup", "threads", "compile");
        URI es = URI.create(args.get("es"));
        List<Integer> sizes = sizes(args.get("hosts", "500,10000"));
        int runs = args.integer("runs", 30);
        int warmup = args.integer("warmup", 5);
        int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
        boolean compile = !args.get("compile", "yes").equals("no");
        if (runs < 1 || warmup < 0 || threads < 1) {
            throw new IllegalArgumentException("--runs and --threads must be 1 or more, --warmup 0 or more");
        }

        List<CompileTimes.Figure> compileTimes = List.of();
        if (compile) {
            System.out.println("Compile time per question (JMH, µs/op; one fork, 2 + 5 one-second iterations):");
            compileTimes = CompileTimes.measure();
        }

        RestClient rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        List<String> results = new ArrayList<>();
        try {
            ElasticsearchClient client =
                    new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            SimulatedFleet fleet = new SimulatedFleet(es);
            for (int hosts : sizes) {
                results.addAll(measure(fleet, client, hosts, threads, warmup, runs));
            }
        } finally {
            rest.close();
        }
        for (CompileTimes.Figure f : compileTimes) {
            System.out.printf(
                    Locale.ROOT,
                    "RESULT compile question=%s stage=\"%s\" micros=%.2f (target < %.0f)%n",
                    f.question(),
                    f.stage(),
                    f.micros(),
                    CompileTimes.TARGET_MICROS);
        }
        results.forEach(System.out::println);
    }

    /** One fleet size: build, ask, compare; the RESULT lines. */
    private static List<String> measure(
            SimulatedFleet fleet, ElasticsearchClient client, int hosts, int threads, int warmup, int runs)
            throws Exception {
        System.out.printf("%n==> %,d hosts: writing the simulated fleet (%d threads)%n", hosts, threads);
        SimulatedFleet.Built built = fleet.build(hosts, threads);
        System.out.printf(
                "    built and indexed %,d documents in %.0f s: %s%n",
                built.total(), built.seconds(), built.documents());

        System.out.printf(
                "    asking %d questions %d times each after %d warm-up rounds%n", Questions.ALL.size(), runs, warmup);
        List<FleetQuestions.Answer> answers = new FleetQuestions(client).ask(warmup, runs);
        FleetQuestions.Answer plain = answers.stream()
                .filter(a -> a.question() == Questions.PLAIN)
                .findFirst()
                .orElseThrow();
        List<String> results = new ArrayList<>();
        for (FleetQuestions.Answer a : answers) {
            String label = label(a.question());
            if (a.notRun() != null) {
                System.out.printf(
                        "    %-16s NOT RUN on this build: %s%n", a.question().name(), a.notRun());
                results.add(String.format(
                        Locale.ROOT,
                        "RESULT hosts=%d question=%s not_run=\"%s\"",
                        hosts,
                        a.question().name(),
                        a.notRun()));
                continue;
            }
            double ratio = a.latencies().p95() / plain.latencies().p95();
            System.out.printf(
                    Locale.ROOT,
                    "    %-16s p50 %7.1f ms  p95 %7.1f ms  (p95 %.2f× plain)  %,d %s%s%n",
                    a.question().name(),
                    a.latencies().p50(),
                    a.latencies().p95(),
                    ratio,
                    a.hits(),
                    unit(a.question()),
                    label);
            if (a.plan() != null) {
                System.out.println("        plan: " + a.plan());
            }
            String target = a.question() == Questions.SEED
                    ? String.format(Locale.ROOT, " (target p95 < %.0f ms at 10,000 hosts)", SEED_P95_TARGET_MILLIS)
                    : "";
            results.add(String.format(
                    Locale.ROOT,
                    "RESULT hosts=%d question=%s p50=%.1fms p95=%.1fms p95_vs_plain=%.2f plain_p95=%.1fms %s=%d%s%s",
                    hosts,
                    a.question().name(),
                    a.latencies().p50(),
                    a.latencies().p95(),
                    ratio,
                    plain.latencies().p95(),
                    unit(a.question()).replace(' ', '_'),
                    a.hits(),
                    target,
                    label));
        }

        System.out.printf(
                "    the seed question's join filter: one terms on %s against (host.id, user.name) pairs%n",
                SimulatedFleet.JOIN_KEY);
        for (JoinFilters.Comparison c : new JoinFilters(client).measure(warmup, runs)) {
            String pairs = c.pairsError() != null
                    ? "pairs REFUSED by Elasticsearch: " + c.pairsError()
                    : String.format(
                            Locale.ROOT,
                            "pairs p50 %.1f ms p95 %.1f ms (%,d documents), pairs/single p50 %.2f",
                            c.pairs().p50(),
                            c.pairs().p95(),
                            c.pairsHits(),
                            c.pairs().p50() / c.single().p50());
            System.out.printf(
                    Locale.ROOT,
                    "    %s: %,d keys on %,d hosts: single p50 %.1f ms p95 %.1f ms (%,d documents); %s%n",
                    c.step(),
                    c.keys(),
                    c.hosts(),
                    c.single().p50(),
                    c.single().p95(),
                    c.singleHits(),
                    pairs);
            if (c.pairsError() == null && c.pairsHits() != c.singleHits()) {
                System.out.println("        NOTE: the two forms counted different documents: the key field folds"
                        + " case, the pairs compare names as stored");
            }
            results.add(String.format(
                    Locale.ROOT,
                    "RESULT hosts=%d join_filter=\"%s\" keys=%d hosts_in_keys=%d single_p50=%.1fms %s",
                    hosts,
                    c.step(),
                    c.keys(),
                    c.hosts(),
                    c.single().p50(),
                    c.pairsError() != null
                            ? "pairs_refused"
                            : String.format(
                                    Locale.ROOT,
                                    "pairs_p50=%.1fms pairs_vs_single=%.2f",
                                    c.pairs().p50(),
                                    c.pairs().p50() / c.single().p50())));
        }
        return results;
    }

    private static String unit(Questions.Question q) {
        return switch (q.kind()) {
            case SEARCH -> "hits";
            case GROUPBY -> "groups";
            case EXPORT -> "rows";
        };
    }

    /** Says which figures come from the benchmark's own requests rather than the API, so nobody mistakes them. */
    private static String label(Questions.Question q) {
        return switch (q.kind()) {
            case SEARCH -> "";
            case GROUPBY -> "  [composite aggregation sent by this benchmark, as the API's groupby= sends it]";
            case EXPORT ->
                "  [STAND-IN: point in time + search_after in this benchmark, CSV to a null stream;"
                        + " the API's format=csv reads alike but its HTTP streaming is not in this figure]";
        };
    }

    private static List<Integer> sizes(String list) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : list.split(",")) {
            int n = Integer.parseInt(part.trim());
            if (n < 1) {
                throw new IllegalArgumentException("--hosts takes sizes of 1 or more, e.g. 500,10000; got " + list);
            }
            sizes.add(n);
        }
        return sizes;
    }
}
