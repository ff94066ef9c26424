package io.agent7.bench;

import io.agent7.schema.Schema;
import io.agent7.simulator.FleetSimulator;
import io.agent7.simulator.FleetStats;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated fleet against one ingest API at the default policy's intervals: once the first
 * snapshots are in, the steady state's response times (client side), the ingest API's CPU and
 * heap, and the documents Elasticsearch writes per minute, which should be near zero when
 * nothing changes.
 */
public final class FleetBenchmark {

    private FleetBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "hosts", "minutes", "warmup-minutes", "workers");
        URI es = URI.create(args.get("es"));
        URI ingest = URI.create(args.get("ingest"));
        URI management = URI.create(args.get("ingest-management"));
        int hosts = args.integer("hosts", 2000);
        int minutes = args.integer("minutes", 10);
        int minWarmup = args.integer("warmup-minutes", 4);
        long ingestPid = Long.parseLong(args.get("ingest-pid"));

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
        System.out.printf("Enrolling %d simulated hosts...%n", hosts);
        System.out.printf("enrolled in %d s%n", simulator.enroll(System.out).toSeconds());
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

        // Warm-up: every host's first snapshots of every type, until nothing waits to be sent.
        long start = System.nanoTime();
        int quietChecks = 0;
        while (quietChecks < 3
                || (System.nanoTime() - start) < Duration.ofMinutes(minWarmup).toNanos()) {
            Thread.sleep(10_000);
            int pending = simulator.pending();
            quietChecks = pending == 0 ? quietChecks + 1 : 0;
            System.out.printf(
                    "  warm-up %3d s: %d batches waiting, %,d documents indexed%n",
                    (System.nanoTime() - start) / 1_000_000_000L, pending, indexTotal(es));
        }
        simulator.stats().reset();
        long cpuStart = AgentFootprint.cpuTicks(ingestPid);
        long docsStart = indexTotal(es);
        long samplesStart = indexTotal(es, SERIES);
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
            heap.add(heapMb(management));
            System.out.printf(
                    "  minute %2d: %,d state documents and %,d metric samples written, ingest API heap %.0f MB,"
                            + " %d batches waiting%n",
                    m,
                    perMinute.get(perMinute.size() - 1),
                    samplesPerMinute.get(samplesPerMinute.size() - 1),
                    heap.get(heap.size() - 1),
                    simulator.pending());
        }
        double seconds = (System.nanoTime() - measureStart) / 1e9;
        double cpuPercent =
                100.0 * (AgentFootprint.cpuTicks(ingestPid) - cpuStart) / AgentFootprint.CLOCK_TICKS / seconds;
        FleetStats s = simulator.stats();
        simulator.stop();
        runner.join(120_000);
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
                "RESULT ingest_api_cpu=%.1f%% of one core, heap max %.0f MB; state documents written per minute: %s "
                        + "(mean %.0f); metric samples per minute (a series, one per host and minute): mean %.0f; "
                        + "items sent by the fleet %,d%n",
                cpuPercent,
                heap.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                perMinute,
                perMinute.stream().mapToLong(Long::longValue).average().orElse(0),
                samplesPerMinute.stream().mapToLong(Long::longValue).average().orElse(0),
                s.items());
        for (var reason : s.failureReasons()) {
            System.out.printf("failed %,d times: %s%n", reason.getValue(), reason.getKey());
        }
    }

    /** The index of the one series type: it grows by a sample per host and minute by design. */
    static final String SERIES = "agent7-system_metric";

    /** Documents Elasticsearch indexed into the state types' indices so far (no-op updates do not count). */
    static long indexTotal(URI es) {
        return indexTotal(es, "agent7-*,-" + SERIES);
    }

    static long indexTotal(URI es, String indices) {
        return Http.get(es.resolve("/" + indices + "/_stats/indexing"))
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
