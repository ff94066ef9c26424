package io.agent7.bench;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.state.Credentials;
import io.agent7.agent.transport.ServerClient;
import io.agent7.ingest.ingest.StateUpdates;
import io.agent7.protocol.Batch;
import io.agent7.protocol.ProtocolCodec;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import io.agent7.simulator.host.VirtualHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ingest API throughput against the ideal: the same documents, with the same ids and the
 * same update bodies, sent straight to {@code _bulk} in bulks of the size the API's
 * BulkIngester makes. Both start from empty indices each round; rounds alternate the two.
 *
 * <p>{@code ./agent7 bench ingest} runs it against a fresh node and ingest API.
 */
public final class IngestThroughput {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> TYPES = List.of(
            "process",
            "service",
            "scheduled_task",
            "startup_item",
            "software",
            "update",
            "network_connection",
            "local_user",
            "local_group");

    private IngestThroughput() {}

    /** One host's first batch of one type, encoded as its agent sends it, and where and with which token to post it. */
    record Snapshot(
            Credentials credentials,
            String accessToken,
            URI ingest,
            String hostName,
            String type,
            List<ObjectNode> documents,
            byte[] encoded) {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(
                argv, "hosts", "rounds", "warmup", "concurrency", "mode", "direct-bulk-operations", "timeline");
        URI es = URI.create(args.get("es"));
        URI ingest = URI.create(args.get("ingest"));
        URI management = URI.create(args.get("ingest-management"));
        int hosts = args.integer("hosts", 300);
        // An even number: the paths take turns going first, and each order counts as often.
        // Eight: a phase's speed swings 10-15 % with the machine, and the medians of four
        // counted rounds of the same code went from 0.78 to 1.11.
        int rounds = args.integer("rounds", 8);
        // The API's JIT compiler competes for the same CPUs as everything else here, and takes
        // several rounds to settle (its CPU per round kept falling for eight rounds or so).
        int warmup = args.integer("warmup", 6);
        if (warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("--warmup must be 0 or more and --rounds 1 or more");
        }
        // Every host at once, each sending its batches one after another, as a fleet does when
        // its agents come up together; --concurrency caps how many hosts send at once.
        int concurrency = args.integer("concurrency", hosts);
        // HttpURLConnection keeps 5 idle connections per server unless told otherwise: one per client thread.
        System.setProperty("http.maxConnections", String.valueOf(concurrency));
        long ingestPid = Long.parseLong(args.get("ingest-pid"));
        // Collected now, as an agent's batches are: the API refuses a batch older than
        // agent7.ingest.max-batch-age, so a fixed date would stop working a week after it.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // snapshot: what a host sends first and daily (the server then looks for items gone);
        // diff: the same items as added items of a differential batch (no such search).
        Batch.Mode mode = Batch.Mode.valueOf(args.get("mode", "snapshot").toUpperCase(Locale.ROOT));

        int perBulk = args.integer("direct-bulk-operations", 5_000);
        // --timeline <ms>: sample both phases of counted rounds that often and print them second by second.
        int timeline = args.integer("timeline", 0);
        // The first rounds warm both paths up (the JIT of the API and of Elasticsearch) and are not counted.
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Double> cpuRatiosWithoutJit = new ArrayList<>();
        long documents = 0;
        for (int round = 1 - warmup; round <= rounds; round++) {
            // New hosts every round: the API remembers which hosts have items of which types,
            // and this measures hosts' first snapshots.
            List<Snapshot> snapshots = fleet(args, ingest, (round + warmup - 1) * hosts, hosts, mode, now);
            documents = snapshots.stream().mapToLong(s -> s.documents().size()).sum();
            List<Bulk> bulks = bulkBodies(snapshots, now, perBulk);
            // The paths take turns going first: the machine's speed drifts within minutes, and a
            // fixed order would hand the drift to one path every round.
            boolean apiFirst = Math.floorMod(round, 2) == 0;
            String[] apiProgress = new String[1];
            Work throughApi = acknowledged -> apiProgress[0] = postThroughApi(snapshots, concurrency, acknowledged);
            Work straight = acknowledged -> sendBulks(es, bulks, acknowledged);
            Sampling sampling = round > 0 && timeline > 0 ? new Sampling(management, timeline) : null;
            Phase first = Phase.run(es, ingestPid, apiFirst ? throughApi : straight, sampling);
            Phase second = Phase.run(es, ingestPid, apiFirst ? straight : throughApi, sampling);
            Phase api = apiFirst ? first : second;
            Phase direct = apiFirst ? second : first;
            if (direct.documents() != api.documents()) {
                throw new IllegalStateException("The two paths wrote different numbers of documents: direct "
                        + direct.documents() + ", API " + api.documents());
            }
            double directRate = api.documents() / direct.seconds();
            double apiRate = api.documents() / api.seconds();
            if (round > 0) {
                ratios.add(apiRate / directRate);
            }
            System.out.printf(
                    "%s (%,d documents, %s first): direct _bulk %,.0f docs/s (%.1f s; CPU s: %s), ingest API %,.0f docs/s (%.1f s; CPU s: %s),"
                            + " ratio %.2f; %s%n",
                    round <= 0 ? "warm-up " + (round + warmup) : "round " + round,
                    documents,
                    apiFirst ? "API" : "direct",
                    directRate,
                    direct.seconds(),
                    direct.cpu(),
                    apiRate,
                    api.seconds(),
                    api.cpu(),
                    apiRate / directRate,
                    bulkStats(management));
            System.out.println("  " + apiProgress[0]);
            // The API's CPU per document against what Elasticsearch spends indexing the same
            // documents straight from _bulk: the API should cost a fraction of it.
            double apiCpu = 1e6 * api.cpu().ingestApi() / api.documents();
            double apiJit = 1e6 * api.cpu().ingestApiJit() / api.documents();
            double esDirectCpu = 1e6 * direct.cpu().elasticsearch() / api.documents();
            if (round > 0) {
                cpuRatios.add(apiCpu / esDirectCpu);
                cpuRatiosWithoutJit.add((apiCpu - apiJit) / esDirectCpu);
            }
            // The JIT compiler's share falls round after round as the API warms up; what is
            // left without it is what a service that has run for hours spends.
            System.out.printf(
                    "  CPU per document: ingest API %.1f µs (JIT compiler %.1f, garbage collector %.1f); Elasticsearch"
                            + " %.1f µs on direct _bulk, %.1f µs on the API's bulks; API over direct Elasticsearch %.2f,"
                            + " without the JIT compiler %.2f%n",
                    apiCpu,
                    apiJit,
                    1e6 * api.cpu().ingestApiGc() / api.documents(),
                    esDirectCpu,
                    1e6 * api.cpu().elasticsearch() / api.documents(),
                    apiCpu / esDirectCpu,
                    (apiCpu - apiJit) / esDirectCpu);
            for (Phase phase : List.of(direct, api)) {
                if (phase.timeline() != null) {
                    System.out.println(phase.timeline().report(phase == api ? "ingest API" : "direct _bulk"));
                }
            }
        }
        ratios.sort(Double::compare);
        cpuRatios.sort(Double::compare);
        cpuRatiosWithoutJit.sort(Double::compare);
        System.out.printf(
                "RESULT mode=%s documents_per_round=%d hosts=%d concurrency=%d warmup=%d cpu_layout=%s median_ratio=%.2f (target >= 0.90)"
                        + " median_api_cpu_over_es_cpu=%.2f (target <= 0.25) without_jit=%.2f%n",
                mode.name().toLowerCase(Locale.ROOT),
                documents,
                hosts,
                concurrency,
                warmup,
                args.get("cpu-layout", "shared"),
                median(ratios),
                median(cpuRatios),
                median(cpuRatiosWithoutJit));
    }

    /**
     * Enrolls hosts {@code first} to {@code first + count - 1} of the simulated fleet and
     * builds their first snapshots of {@link #TYPES}, encoded as agents send them.
     */
    static List<Snapshot> fleet(Args args, URI ingest, int first, int count, Batch.Mode mode, Instant now)
            throws Exception {
        // Enrollment waits for a refresh (about a second) per host: enroll many at once.
        ExecutorService enrolling = Executors.newFixedThreadPool(32);
        try {
            List<Future<List<Snapshot>>> perHost = new ArrayList<>();
            for (int i = first; i < first + count; i++) {
                int index = i;
                perHost.add(enrolling.submit(() -> {
                    VirtualHost host = VirtualHost.create(7, index, now);
                    // Each host keeps its token across posts, as an agent does (15 minutes).
                    ServerClient.Enrolled enrolled =
                            ServerClient.enroll(ingest, args.get("site-key"), host.facts(), "bench", null);
                    Credentials credentials = enrolled.credentials();
                    List<Snapshot> own = new ArrayList<>();
                    for (Batch batch : firstBatches(host, mode, now)) {
                        own.add(new Snapshot(
                                credentials,
                                enrolled.accessToken(),
                                ingest,
                                host.hostName(),
                                batch.type().name(),
                                batch.documents(),
                                ProtocolCodec.encodeBatch(batch)));
                    }
                    return own;
                }));
            }
            List<Snapshot> snapshots = new ArrayList<>();
            for (Future<List<Snapshot>> host : perHost) {
                snapshots.addAll(host.get());
            }
            return snapshots;
        } finally {
            enrolling.shutdown();
        }
    }

    /** A host's first batches of {@link #TYPES}: one per type it has items of, holding all of them. */
    static List<Batch> firstBatches(VirtualHost host, Batch.Mode mode, Instant now) {
        List<Batch> batches = new ArrayList<>();
        for (Collector collector : host.collectors(Schema.standard())) {
            if (!TYPES.contains(collector.type().name())) {
                continue;
            }
            List<ObjectNode> documents = collector.collect();
            if (!documents.isEmpty()) {
                batches.add(new Batch(UUID.randomUUID().toString(), mode, collector.type(), now, documents, List.of()));
            }
        }
        return batches;
    }

    /** One request of the ideal client: its body and the operations in it. */
    record Bulk(byte[] body, int operations) {}

    /** The bulks the ideal client sends: update actions as the API builds them, {@code perBulk} (5,000) per request. */
    static List<Bulk> bulkBodies(List<Snapshot> snapshots, Instant now, int perBulk) {
        List<Bulk> bulks = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
        int operations = 0;
        String collectedAt = Values.formatDate(now);
        for (Snapshot s : snapshots) {
            DataType type = Schema.standard().require(s.type());
            var source = new StateUpdates.Source(
                    s.credentials().hostId(), s.hostName(), s.credentials().agentId());
            for (ObjectNode raw : s.documents()) {
                ObjectNode document = Schema.standard().normalizer(type).normalize(raw);
                String id = DocumentIds.of(s.credentials().hostId(), type, document);
                ObjectNode action = JSON.createObjectNode();
                action.putObject("update")
                        .put("_index", type.writeIndex(document, now))
                        .put("_id", id)
                        .put("routing", s.credentials().hostId())
                        .put("retry_on_conflict", 3);
                body.writeBytes(JSON.writeValueAsBytes(action));
                body.write('\n');
                body.writeBytes(StateUpdates.upsertAction(type, document, source, collectedAt, collectedAt));
                body.write('\n');
                if (++operations == perBulk) {
                    bulks.add(new Bulk(body.toByteArray(), operations));
                    body.reset();
                    operations = 0;
                }
            }
        }
        if (operations > 0) {
            bulks.add(new Bulk(body.toByteArray(), operations));
        }
        return bulks;
    }

    /** Three bulks in flight at a time, as the API's BulkIngester sends them. */
    static void sendBulks(URI es, List<Bulk> bulks, AtomicLong acknowledged) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Bulk bulk : bulks) {
                sent.add(pool.submit(() -> {
                    var response = Http.send(es.resolve("/_bulk"), "POST", "application/x-ndjson", bulk.body(), null);
                    if (response.path("errors").asBoolean()) {
                        throw new IllegalStateException(
                                "bulk errors: " + response.toString().substring(0, 500));
                    }
                    acknowledged.addAndGet(bulk.operations());
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Posts every snapshot as agents do: each host sends its batches one after another (an
     * agent's spool is first in, first out), and {@code concurrency} hosts send at once. The
     * agents' own client (Java's HttpClient) cost this load generator 1 ms of CPU per post,
     * taken from the same CPUs as the API and Elasticsearch; a plain HttpURLConnection with
     * keep-alive costs a fraction.
     */
    static String postThroughApi(List<Snapshot> snapshots, int concurrency, AtomicLong acknowledged) throws Exception {
        Map<String, List<Snapshot>> byHost = new LinkedHashMap<>();
        for (Snapshot s : snapshots) {
            byHost.computeIfAbsent(s.credentials().hostId(), host -> new ArrayList<>())
                    .add(s);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, byHost.size()));
        Queue<long[]> answered = new ConcurrentLinkedQueue<>(); // {when, documents}
        long overflowsBefore = listenOverflows();
        AtomicLong retried = new AtomicLong();
        long start = System.nanoTime();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (List<Snapshot> host : byHost.values()) {
                sent.add(pool.submit(() -> {
                    for (Snapshot s : host) {
                        post(s, retried);
                        answered.add(new long[] {
                            System.nanoTime() - start, s.documents().size()
                        });
                        acknowledged.addAndGet(s.documents().size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long overflows = listenOverflows() - overflowsBefore;
        return progress(new ArrayList<>(answered))
                + (overflowsBefore < 0
                        ? ""
                        : String.format("; %d connections found this machine's accept queues full", overflows))
                + String.format("; %d posts sent again after a reset connection", retried.get());
    }

    /**
     * Linux's count of connections that found a listening socket's accept queue full (its
     * client then waits a second or more to retry), or -1 where it cannot be read. Every
     * host connects anew at the start of the API phase.
     */
    static long listenOverflows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] names = lines.get(i).split(" ");
                String[] values = lines.get(i + 1).split(" ");
                for (int j = 1; j < names.length && j < values.length; j++) {
                    if (names[0].equals("TcpExt:") && names[j].equals("ListenOverflows")) {
                        return Long.parseLong(values[j]);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * When half, 90 % and all of the documents had been acknowledged: the API path starts
     * with no batch in flight and ends with its last hosts' last batches, where the ideal
     * client's bulks are out from the first moment to the last.
     */
    static String progress(List<long[]> answered) {
        answered.sort(Comparator.comparingLong(a -> a[0]));
        long total = answered.stream().mapToLong(a -> a[1]).sum();
        double[] marks = {0.5, 0.9, 1.0};
        double[] at = new double[marks.length];
        long done = 0;
        int mark = 0;
        for (long[] a : answered) {
            done += a[1];
            while (mark < marks.length && done >= marks[mark] * total) {
                at[mark++] = a[0] / 1e9;
            }
        }
        return String.format(
                "API path: half the documents acknowledged after %.1f s, 90 %% after %.1f s, all after %.1f s",
                at[0], at[1], at[2]);
    }

    /**
     * Posts one batch. A kept-alive connection the API closed while idle (between rounds)
     * fails on first use, and the next one taken from the idle pool may have been closed
     * too: the batch is idempotent and goes again, as an agent's would (a run with 900
     * hosts once failed on a second reset).
     */
    private static void post(Snapshot s, AtomicLong retried) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                postOnce(s);
                return;
            } catch (SocketException e) {
                if (attempt == 3) {
                    throw e;
                }
                retried.incrementAndGet();
            }
        }
    }

    private static void postOnce(Snapshot s) throws IOException {
        HttpURLConnection connection = (HttpURLConnection)
                s.ingest().resolve("/api/v1/ingest/" + s.type()).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(s.encoded().length);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(120_000);
        connection.setRequestProperty("Content-Type", "application/x-ndjson");
        connection.setRequestProperty("Content-Encoding", "gzip");
        connection.setRequestProperty("Authorization", "Bearer " + s.accessToken());
        try (OutputStream out = connection.getOutputStream()) {
            out.write(s.encoded());
        }
        int status = connection.getResponseCode();
        if (status != 200) {
            InputStream error = connection.getErrorStream();
            String body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
            throw new IllegalStateException(
                    "The ingest API answered " + status + " to a " + s.type() + " batch: " + body);
        }
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes(); // read to the end, so the connection goes back to the keep-alive pool
        }
    }

    /** How the API's BulkIngester has batched so far: bulks sent, mean operations and latency. */
    static String bulkStats(URI management) {
        Prometheus metrics = Prometheus.scrape(management);
        double bulks = metrics.sum("agent7_bulk_latency_seconds_count");
        double seconds = metrics.sum("agent7_bulk_latency_seconds_sum");
        double docs = metrics.sum("agent7_ingest_documents_total");
        return String.format(
                "API bulks so far %.0f, %.0f documents each, %.0f ms each",
                bulks, bulks == 0 ? 0 : docs / bulks, bulks == 0 ? 0 : 1000 * seconds / bulks);
    }

    /** Where and how often to sample a phase's {@link Timeline}. */
    /** @param management the ingest API's management port, scraped for its metrics */
    record Sampling(URI management, long intervalMillis) {}

    /** One path's turn: from empty indices, its time, the CPU it cost, the documents it left, and its timeline if sampled. */
    record Phase(double seconds, Cpu cpu, long documents, Timeline timeline) {

        static Phase run(URI es, long ingestPid, Work work, Sampling sampling) throws Exception {
            reset(es);
            settle(es, ingestPid);
            Cpu before = Cpu.now(es, ingestPid);
            AtomicLong acknowledged = new AtomicLong();
            Timeline timeline = sampling == null
                    ? null
                    : new Timeline(es, sampling.management(), ingestPid, sampling.intervalMillis(), acknowledged);
            double seconds;
            try {
                seconds = timed(() -> work.run(acknowledged));
            } finally {
                if (timeline != null) {
                    timeline.close();
                }
            }
            Cpu cpu = before.since(es, ingestPid);
            return new Phase(seconds, cpu, count(es), timeline);
        }
    }

    /** A phase's work; it counts the documents acknowledged as they are. */
    interface Work {
        void run(AtomicLong acknowledged) throws Exception;
    }

    /**
     * CPU seconds used by Elasticsearch, the ingest API and this load generator, and where
     * Elasticsearch's time went (seconds spent indexing, in realtime gets, refreshing and
     * merging, summed over threads; and its searches); and the work it was given: the
     * operations it indexed and the bytes of bulk requests it took in, which show whether
     * the two paths asked the same of it.
     */
    record Cpu(
            double elasticsearch,
            double ingestApi,
            double ingestApiJit,
            double ingestApiGc,
            double loadGenerator,
            long searches,
            double indexing,
            double gets,
            double refreshes,
            double merges,
            double gc,
            long operations,
            long bulkBytes,
            long diskWrites,
            Machine machine) {

        /** HotSpot's compiler threads ("C2 CompilerThread0", cut to 15 characters by the kernel). */
        static final List<String> JIT_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre");
        /** The collectors' workers (Parallel's and G1's) and G1's concurrent threads. */
        static final List<String> GC_THREADS = List.of("GC Thread", "G1 ");

        static Cpu now(URI es, long ingestPid) throws IOException {
            JsonNode node = Http.get(es.resolve("/_nodes/_local/stats/process,indices,indexing_pressure,jvm,fs"))
                    .path("nodes")
                    .values()
                    .iterator()
                    .next();
            double esCpu =
                    node.path("process").path("cpu").path("total_in_millis").asLong() / 1000.0;
            JsonNode indices = node.path("indices");
            long searches = indices.path("search").path("query_total").asLong();
            double self = ((com.sun.management.OperatingSystemMXBean)
                                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime()
                    / 1e9;
            return new Cpu(
                    esCpu,
                    AgentFootprint.cpuTicks(ingestPid) / (double) AgentFootprint.CLOCK_TICKS,
                    AgentFootprint.threadCpuTicks(ingestPid, JIT_THREADS) / (double) AgentFootprint.CLOCK_TICKS,
                    AgentFootprint.threadCpuTicks(ingestPid, GC_THREADS) / (double) AgentFootprint.CLOCK_TICKS,
                    self,
                    searches,
                    seconds(indices, "indexing", "index_time_in_millis"),
                    seconds(indices, "get", "time_in_millis"),
                    seconds(indices, "refresh", "total_time_in_millis"),
                    seconds(indices, "merges", "total_time_in_millis"),
                    gcSeconds(node.path("jvm").path("gc").path("collectors")),
                    indices.path("indexing").path("index_total").asLong(),
                    node.path("indexing_pressure")
                            .path("memory")
                            .path("total")
                            .path("coordinating_in_bytes")
                            .asLong(),
                    node.path("fs")
                            .path("io_stats")
                            .path("total")
                            .path("write_operations")
                            .asLong(),
                    Machine.now());
        }

        /** Time in the JVM's collections, all collectors: pauses, not the collector's concurrent work. */
        private static double gcSeconds(JsonNode collectors) {
            long millis = 0;
            for (JsonNode collector : collectors.values()) {
                millis += collector.path("collection_time_in_millis").asLong();
            }
            return millis / 1000.0;
        }

        private static double seconds(JsonNode indices, String section, String field) {
            return indices.path(section).path(field).asLong() / 1000.0;
        }

        Cpu since(URI es, long ingestPid) throws IOException {
            Cpu later = now(es, ingestPid);
            return new Cpu(
                    later.elasticsearch - elasticsearch,
                    later.ingestApi - ingestApi,
                    later.ingestApiJit - ingestApiJit,
                    later.ingestApiGc - ingestApiGc,
                    later.loadGenerator - loadGenerator,
                    later.searches - searches,
                    later.indexing - indexing,
                    later.gets - gets,
                    later.refreshes - refreshes,
                    later.merges - merges,
                    later.gc - gc,
                    later.operations - operations,
                    later.bulkBytes - bulkBytes,
                    later.diskWrites - diskWrites,
                    later.machine.since(machine));
        }

        @Override
        public String toString() {
            return String.format(
                    "ES %.1f (indexing %.1f, gets %.1f, refresh %.1f, merges %.1f, GC pauses %.1f), API %.1f, load %.1f;"
                            + " %d shard searches; ES indexed %,d operations from %.0f MB of bulks, %,d disk writes; %s",
                    elasticsearch,
                    indexing,
                    gets,
                    refreshes,
                    merges,
                    gc,
                    ingestApi,
                    loadGenerator,
                    searches,
                    operations,
                    bulkBytes / 1e6,
                    diskWrites,
                    machine);
        }
    }

    /**
     * Per CPU, the seconds the hypervisor ran something else while this machine wanted the
     * CPU (steal) and the seconds it sat idle waiting for the disk (iowait), from
     * {@code /proc/stat}; empty where that cannot be read. With {@code --split-cores},
     * steal on CPU 0 is time taken from Elasticsearch alone.
     */
    record Machine(double[] steal, double[] iowait) {

        static Machine now() {
            List<Double> steal = new ArrayList<>();
            List<Double> iowait = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                    // cpuN user nice system idle iowait irq softirq steal ...
                    if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
                        String[] f = line.trim().split("\\s+");
                        iowait.add(Long.parseLong(f[5]) / (double) AgentFootprint.CLOCK_TICKS);
                        steal.add(Long.parseLong(f[8]) / (double) AgentFootprint.CLOCK_TICKS);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return new Machine(new double[0], new double[0]);
            }
            return new Machine(
                    steal.stream().mapToDouble(Double::doubleValue).toArray(),
                    iowait.stream().mapToDouble(Double::doubleValue).toArray());
        }

        Machine since(Machine before) {
            if (steal.length != before.steal.length) {
                return new Machine(new double[0], new double[0]);
            }
            double[] s = new double[steal.length];
            double[] w = new double[iowait.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = steal[i] - before.steal[i];
                w[i] = iowait[i] - before.iowait[i];
            }
            return new Machine(s, w);
        }

        @Override
        public String toString() {
            if (steal.length == 0) {
                return "steal and iowait unknown";
            }
            StringBuilder out = new StringBuilder("per CPU, steal s");
            for (double v : steal) {
                out.append(String.format(" %.2f", v));
            }
            out.append(", iowait s");
            for (double v : iowait) {
                out.append(String.format(" %.2f", v));
            }
            return out.toString();
        }
    }

    /** The middle of sorted values, or the mean of the middle two when their number is even. */
    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Lets the machine settle before a phase, the same way before either path's. Preparing a
     * round (enrolling its hosts, building its bulks) leaves garbage in the load generator
     * and the API and writes for Elasticsearch to refresh, and the phase that came first paid
     * for it: the ratio was lower in the rounds the API went first in 6 of 8 runs.
     */
    static void settle(URI es, long ingestPid) throws Exception {
        System.gc();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IllegalStateException(
                    "The benchmark needs jcmd (a JDK, not a JRE) to collect the API's garbage: " + jcmd);
        }
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(ingestPid), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (gc.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + ingestPid + " GC.run failed with " + gc.exitValue());
        }
        Http.send(es.resolve("/_refresh"), "POST", null, null, null);
        Thread.sleep(1_000);
    }

    static void reset(URI es) {
        for (String type : TYPES) {
            Http.send(es.resolve("/agent7-" + type), "DELETE", null, null, null);
        }
        new SchemaInstaller(new ElasticsearchHttp(es, null, null), Schema.standard(), IndexSettings.DEFAULTS).install();
    }

    static long count(URI es) {
        StringBuilder indices = new StringBuilder();
        for (String type : TYPES) {
            indices.append(indices.length() == 0 ? "" : ",").append("agent7-").append(type);
        }
        Http.send(es.resolve("/" + indices + "/_refresh"), "POST", null, null, null);
        return Http.get(es.resolve("/" + indices + "/_count")).path("count").asLong();
    }

    interface Task {
        void run() throws Exception;
    }

    static double timed(Task task) throws Exception {
        long start = System.nanoTime();
        task.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
