package io.agent7.bench;

import io.agent7.schema.Schema;
import io.agent7.simulator.FleetSimulator;
import io.agent7.simulator.FleetStats;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated fleet against one ingest API, or several ({@code --ingest URL,URL}, hosts spread
 * over them), at the default policy's intervals: once the first snapshots are in, the steady
 * state's response times (client side), the ingest APIs' CPU and heap, and the documents
 * Elasticsearch writes per minute, which should be near zero when nothing changes. A
 * {@code FIGURES} line at the end holds the figures {@code bench fleet --cluster} sets side by
 * side.
 */
public final class FleetBenchmark {

    private FleetBenchmark() {}

    /** Elasticsearch's credentials, for a secured cluster; null on the benchmarks' open node. */
    private static String elasticsearchAuthorization;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(
                argv,
                "hosts",
                "minutes",
                "warmup-minutes",
                "max-warmup-minutes",
                "workers",
                "es-user",
                "es-password",
                "es-ca");
        URI es = URI.create(args.get("es"));
        if (!args.get("es-ca", "").isEmpty()) {
            Http.trust(java.nio.file.Files.readString(java.nio.file.Path.of(args.get("es-ca"))));
            elasticsearchAuthorization = "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString((args.get("es-user") + ":" + args.get("es-password"))
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<URI> ingest = uris(args.get("ingest"));
        List<URI> management = uris(args.get("ingest-management"));
        List<Long> ingestPids = java.util.Arrays.stream(args.get("ingest-pid").split(","))
                .map(Long::parseLong)
                .toList();
        int hosts = args.integer("hosts", 2000);
        int minutes = args.integer("minutes", 10);
        int minWarmup = args.integer("warmup-minutes", 4);
        int maxWarmup = args.integer("max-warmup-minutes", 45);

        FleetSimulator simulator = new FleetSimulator(
                new FleetSimulator.Options(
                        ingest,
                        args.get("site-key"),
                        null,
                        hosts,
                        7,
                        Duration.ofHours(24),
                        args.integer("workers", 64),
                        Duration.ofSeconds(1)),
                Schema.standard());
        System.out.printf("Enrolling %d simulated hosts with %d ingest API(s)...%n", hosts, ingest.size());
        long enrolled = simulator.enroll(System.out).toSeconds();
        System.out.printf("enrolled in %d s%n", enrolled);
        Thread runner = new Thread(
                () -> {
                    try {
                        simulator.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "fleet");
        runner.start();

        // Warm-up: every host's first snapshots of every type, until (almost) nothing waits to be sent.
        // A large fleet always has a few hosts with a fresh batch in hand, so "quiet" is at most one
        // batch waiting per 100 hosts, three checks in a row; the cap keeps a machine that cannot
        // keep up from warming up forever (its first snapshots are then reported as -1: not reached).
        int quiet = hosts / 100;
        long start = System.nanoTime();
        int quietChecks = 0;
        long firstSnapshots = -1;
        // A large fleet's first collections take a while to start (10,000 hosts: no batch waited in
        // the first 45 s): until batches have queued up, or two minutes have passed, an empty queue
        // means not yet begun rather than done.
        boolean begun = false;
        while ((quietChecks < 3
                        || (System.nanoTime() - start)
                                < Duration.ofMinutes(minWarmup).toNanos())
                && (System.nanoTime() - start) < Duration.ofMinutes(maxWarmup).toNanos()) {
            Thread.sleep(10_000);
            int pending = simulator.pending();
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            begun |= pending > quiet || elapsed >= 120;
            quietChecks = pending <= quiet && begun ? quietChecks + 1 : 0;
            if (pending <= quiet && begun && firstSnapshots < 0) {
                firstSnapshots = elapsed;
            }
            System.out.printf(
                    "  warm-up %3d s: %d batches waiting, %,d documents indexed%n", elapsed, pending, indexTotal(es));
        }
        if (quietChecks < 3) {
            System.out.printf(
                    "  warm-up stopped after %d minutes with %d batches waiting: the fleet never caught up%n",
                    maxWarmup, simulator.pending());
        }
        FleetStats warmup = simulator.stats();
        long warmupFailures = warmup.failures(FleetStats.Call.CHECKIN) + warmup.failures(FleetStats.Call.INGEST);
        simulator.stats().reset();
        long cpuStart = cpuTicks(ingestPids);
        long docsStart = indexTotal(es);
        long samplesStart = indexTotal(es, SERIES);
        Store stateAtStart = store(es, STATE);
        long measureStart = System.nanoTime();
        List<Double> heap = new ArrayList<>();
        List<Long> perMinute = new ArrayList<>();
        List<Long> samplesPerMinute = new ArrayList<>();
        long lastDocs = docsStart;
        long lastSamples = samplesStart;
        for (int m = 1; m <= minutes; m++) {
            Thread.sleep(60_000);
            long docs = indexTotal(es);
            long samples = indexTotal(es, SERIES);
            perMinute.add(docs - lastDocs);
            samplesPerMinute.add(samples - lastSamples);
            lastDocs = docs;
            lastSamples = samples;
            heap.add(management.stream()
                    .mapToDouble(FleetBenchmark::heapMb)
                    .max()
                    .orElse(0));
            System.out.printf(
                    "  minute %2d: %,d state documents and %,d metric samples written, ingest API heap %.0f MB"
                            + " (the largest), %d batches waiting%n",
                    m,
                    perMinute.get(perMinute.size() - 1),
                    samplesPerMinute.get(samplesPerMinute.size() - 1),
                    heap.get(heap.size() - 1),
                    simulator.pending());
        }
        double seconds = (System.nanoTime() - measureStart) / 1e9;
        double cpuPercent = 100.0 * (cpuTicks(ingestPids) - cpuStart) / AgentFootprint.CLOCK_TICKS / seconds;
        FleetStats s = simulator.stats();
        simulator.stop();
        runner.join(120_000);
        // Disk, one copy (primaries): what the state takes, and what a day adds at this rhythm
        // (new items and metric samples; items gone stay as history until retention deletes them).
        // Merged first, as Elasticsearch merges a day's segments: fresh small segments cost more a document.
        Http.send(
                es.resolve("/agent7-*/_forcemerge?max_num_segments=1"), "POST", null, null, elasticsearchAuthorization);
        Store state = store(es, STATE);
        Store series = store(es, SERIES);
        double perThousand = 1000.0 / hosts;
        double stateMb = state.bytes() / 1e6 * perThousand;
        double newStatePerMinute = (state.documents() - stateAtStart.documents()) / (seconds / 60);
        double samplesAMinute =
                samplesPerMinute.stream().mapToLong(Long::longValue).average().orElse(0);
        double dayMb =
                (Math.max(0, newStatePerMinute) * state.bytesPerDocument() + samplesAMinute * series.bytesPerDocument())
                        * 1440
                        / 1e6
                        * perThousand;
        System.out.printf(
                "RESULT disk (primaries, one copy): state %.1f MB per 1,000 hosts (%,d documents, %.0f bytes each);"
                        + " a day adds %.1f MB per 1,000 hosts (%.0f new items a minute, %.0f metric samples a minute"
                        + " of %.0f bytes)%n",
                stateMb,
                state.documents(),
                state.bytesPerDocument(),
                dayMb,
                newStatePerMinute,
                samplesAMinute,
                series.bytesPerDocument());
        System.out.println("RESULT largest indices (primaries): " + largestIndices(es, 8));
        System.out.printf(
                "RESULT hosts=%d steady_minutes=%d checkins=%d (failed %d) p50=%.1fms p99=%.1fms "
                        + "ingest_posts=%d (failed %d) p50=%.1fms p99=%.1fms%n",
                hosts,
                minutes,
                s.count(FleetStats.Call.CHECKIN),
                s.failures(FleetStats.Call.CHECKIN),
                s.percentileMillis(FleetStats.Call.CHECKIN, 0.5),
                s.percentileMillis(FleetStats.Call.CHECKIN, 0.99),
                s.count(FleetStats.Call.INGEST),
                s.failures(FleetStats.Call.INGEST),
                s.percentileMillis(FleetStats.Call.INGEST, 0.5),
                s.percentileMillis(FleetStats.Call.INGEST, 0.99));
        System.out.printf(
                "RESULT ingest_api_cpu=%.1f%% of one core (%d instance(s) together), heap max %.0f MB; state documents"
                        + " written per minute: %s (mean %.0f); metric samples per minute (a series, one per host and"
                        + " minute): mean %.0f; items sent by the fleet %,d%n",
                cpuPercent,
                ingestPids.size(),
                heap.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                perMinute,
                perMinute.stream().mapToLong(Long::longValue).average().orElse(0),
                samplesPerMinute.stream().mapToLong(Long::longValue).average().orElse(0),
                s.items());
        for (var reason : s.failureReasons()) {
            System.out.printf("failed %,d times: %s%n", reason.getValue(), reason.getKey());
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "FIGURES enrollment_s=%d first_snapshots_s=%d warmup_failed=%d checkin_p50_ms=%.1f checkin_p99_ms=%.1f"
                        + " post_p50_ms=%.1f post_p99_ms=%.1f failed=%d ingest_cpu_pct=%.1f state_mb_per_1000_hosts=%.1f"
                        + " day_mb_per_1000_hosts=%.1f%n",
                enrolled,
                firstSnapshots,
                warmupFailures,
                s.percentileMillis(FleetStats.Call.CHECKIN, 0.5),
                s.percentileMillis(FleetStats.Call.CHECKIN, 0.99),
                s.percentileMillis(FleetStats.Call.INGEST, 0.5),
                s.percentileMillis(FleetStats.Call.INGEST, 0.99),
                s.failures(FleetStats.Call.CHECKIN) + s.failures(FleetStats.Call.INGEST),
                cpuPercent,
                stateMb,
                dayMb);
    }

    /** Documents and bytes of the primaries of some indices. */
    record Store(long documents, long bytes) {
        double bytesPerDocument() {
            return documents == 0 ? 0 : (double) bytes / documents;
        }
    }

    /** The {@code n} largest agent7-* indices by primary store, with their documents and bytes per host. */
    static String largestIndices(URI es, int n) {
        var indices = Http.send(
                        es.resolve("/agent7-*/_stats/docs,store?level=indices"),
                        "GET",
                        null,
                        null,
                        elasticsearchAuthorization)
                .path("indices");
        List<java.util.Map.Entry<String, Store>> all = new ArrayList<>();
        for (var e : indices.properties()) {
            var primaries = e.getValue().path("primaries");
            all.add(java.util.Map.entry(
                    e.getKey(),
                    new Store(
                            primaries.path("docs").path("count").asLong(),
                            primaries.path("store").path("size_in_bytes").asLong())));
        }
        all.sort((a, b) -> Long.compare(b.getValue().bytes(), a.getValue().bytes()));
        List<String> shown = new ArrayList<>();
        for (var e : all.subList(0, Math.min(n, all.size()))) {
            shown.add(String.format(
                    java.util.Locale.ROOT,
                    "%s %,d docs %.1f MB",
                    e.getKey(),
                    e.getValue().documents(),
                    e.getValue().bytes() / 1e6));
        }
        return String.join("; ", shown);
    }

    static Store store(URI es, String indices) {
        var primaries = Http.send(
                        es.resolve("/" + indices + "/_stats/docs,store"), "GET", null, null, elasticsearchAuthorization)
                .path("_all")
                .path("primaries");
        return new Store(
                primaries.path("docs").path("count").asLong(),
                primaries.path("store").path("size_in_bytes").asLong());
    }

    private static List<URI> uris(String list) {
        return java.util.Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(u -> !u.isEmpty())
                .map(URI::create)
                .toList();
    }

    /** CPU ticks the processes spent so far, together. */
    private static long cpuTicks(List<Long> pids) throws java.io.IOException {
        long ticks = 0;
        for (long pid : pids) {
            ticks += AgentFootprint.cpuTicks(pid);
        }
        return ticks;
    }

    /** The index of the one series type: it grows by a sample per host and minute by design. */
    static final String SERIES = "agent7-system_metric";

    /** The agents' state: every agent7-* index but the series' days (the services' own are small). */
    static final String STATE = "agent7-*,-" + SERIES + "*";

    /** Documents Elasticsearch indexed into the state types' indices so far (no-op updates do not count). */
    static long indexTotal(URI es) {
        return indexTotal(es, STATE);
    }

    static long indexTotal(URI es, String indices) {
        return Http.send(es.resolve("/" + indices + "/_stats/indexing"), "GET", null, null, elasticsearchAuthorization)
                .path("_all")
                .path("primaries")
                .path("indexing")
                .path("index_total")
                .asLong();
    }

    static double heapMb(URI management) {
        return Prometheus.scrape(management).sum("jvm_memory_used_bytes", "area=\"heap\"") / (1024 * 1024);
    }
}
