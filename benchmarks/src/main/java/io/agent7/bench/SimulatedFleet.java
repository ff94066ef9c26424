package io.agent7.bench;

import io.agent7.agent.collect.Collector;
import io.agent7.ingest.ingest.StateUpdates;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import io.agent7.simulator.host.VirtualHost;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated fleet written straight into a node: each host's documents of the types the
 * questions ask about, built in this JVM by the simulator, normalised by the schema and
 * completed with the server's fields as the ingest API does (the document it upserts the
 * first time it sees an item, with the same id and routing), and bulk-indexed as they are
 * built. No host's documents outlive its bulk, so memory stays flat however large the fleet.
 */
final class SimulatedFleet {

    /** The types the questions read: the seed question's three and software. */
    static final List<String> TYPES = List.of("host", "local_user", "scheduled_task", "startup_item", "software");

    /** The join key of local accounts and what runs as them, when the schema writes it at ingest. */
    static final String JOIN_KEY = "agent7.join.host_user";

    /** The types the seed question joins, which carry {@link #JOIN_KEY}. */
    static final List<String> JOINED_TYPES = List.of("local_user", "scheduled_task", "startup_item");

    /** The simulator's seed: the fleet of every benchmark, and the same every run. */
    private static final long SEED = 7;

    /** Operations per bulk request, as the ingest API's BulkIngester sends them. */
    private static final int BULK_OPERATIONS = 5_000;

    /** Bulk requests in flight: the node's two write threads stay busy while the next bulk is built. */
    private static final int IN_FLIGHT = 2;

    /** What was built: documents per type and how long it took. */
    record Built(int hosts, Map<String, Long> documents, double seconds) {
        long total() {
            return documents.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final URI es;
    private final Schema schema = Schema.standard();

    SimulatedFleet(URI es) {
        this.es = es;
    }

    /** Replaces the types' indices with a fleet of {@code hosts} hosts, built by {@code threads} threads. */
    Built build(int hosts, int threads) throws Exception {
        long start = System.nanoTime();
        recreateIndices();
        System.out.printf("    indices ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
        Instant now = Instant.now();
        String collectedAt = Values.formatDate(now);
        Map<String, LongAdder> counts = new LinkedHashMap<>();
        TYPES.forEach(t -> counts.put(t, new LongAdder()));
        ExecutorService builders = Executors.newFixedThreadPool(threads);
        ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
        // One bulk per sender in flight and one waiting: the builders wait rather than pile up bulks.
        Semaphore room = new Semaphore(IN_FLIGHT + 1);
        AtomicReference<Exception> failed = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int report = Math.max(500, hosts / 5);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(builders.submit(() -> {
                    Bulk bulk = new Bulk();
                    for (int i = next.getAndIncrement();
                            i < hosts && failed.get() == null;
                            i = next.getAndIncrement()) {
                        addHost(bulk, VirtualHost.create(SEED, i, now), i, collectedAt, counts);
                        if (bulk.operations >= BULK_OPERATIONS) {
                            send(bulk, senders, room, failed);
                            bulk = new Bulk();
                        }
                        int finished = done.incrementAndGet();
                        if (finished % report == 0 && finished < hosts) {
                            System.out.printf(
                                    "    %,d of %,d hosts written (%.0f s)%n",
                                    finished, hosts, (System.nanoTime() - start) / 1e9);
                        }
                    }
                    if (bulk.operations > 0) {
                        send(bulk, senders, room, failed);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            builders.shutdown();
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.MINUTES);
        }
        if (failed.get() != null) {
            throw new IllegalStateException("Writing the simulated fleet failed", failed.get());
        }
        String indices = indices();
        Http.send(
                es.resolve("/" + indices + "/_settings"),
                "PUT",
                "application/json",
                utf8("{\"index\":{\"refresh_interval\":\"" + IndexSettings.DEFAULTS.refreshInterval() + "\"}}"),
                null);
        Http.send(es.resolve("/" + indices + "/_refresh"), "POST", null, null, null);
        Map<String, Long> documents = new LinkedHashMap<>();
        for (String type : TYPES) {
            long built = counts.get(type).sum();
            long indexed = Http.get(es.resolve("/" + schema.require(type).index() + "/_count"))
                    .path("count")
                    .asLong();
            if (indexed != built) {
                throw new IllegalStateException(
                        "Built " + built + " " + type + " documents but the index holds " + indexed);
            }
            documents.put(type, indexed);
        }
        return new Built(hosts, documents, (System.nanoTime() - start) / 1e9);
    }

    /** The types' indices, empty, from the installed templates; refreshes off while the fleet is written. */
    private void recreateIndices() {
        Http.send(es.resolve("/" + indices() + "?ignore_unavailable=true"), "DELETE", null, null, null);
        var report =
                new SchemaInstaller(new ElasticsearchHttp(es, null, null), schema, IndexSettings.DEFAULTS).install();
        if (!report.ok()) {
            throw new IllegalStateException("Installing the schema failed: " + report.steps());
        }
        Http.send(
                es.resolve("/" + indices() + "/_settings"),
                "PUT",
                "application/json",
                utf8("{\"index\":{\"refresh_interval\":\"-1\"}}"),
                null);
    }

    private String indices() {
        return String.join(
                ",", TYPES.stream().map(t -> schema.require(t).index()).toList());
    }

    /** One host's documents of {@link #TYPES} as index actions, with the id, routing and fields the API gives them. */
    private void addHost(Bulk bulk, VirtualHost host, int index, String collectedAt, Map<String, LongAdder> counts) {
        String hostId = hostId(host.machineId());
        var source = new StateUpdates.Source(hostId, host.hostName(), "bench-agent-" + index);
        addHostDocument(bulk, host, hostId, source, index, collectedAt, counts);
        for (Collector collector : host.collectors(schema)) {
            DataType type = collector.type();
            if (!TYPES.contains(type.name())) {
                continue;
            }
            for (ObjectNode raw : collector.collect()) {
                ObjectNode document = schema.normalizer(type).normalize(raw, hostId);
                String id = DocumentIds.of(hostId, type, document);
                ObjectNode stored = (ObjectNode) StateUpdates.upsert(type, document, source, collectedAt, collectedAt)
                        .get("upsert");
                ObjectNode action = Http.JSON.createObjectNode();
                action.putObject("index")
                        .put("_index", type.writeIndex(document, Instant.now()))
                        .put("_id", id)
                        .put("routing", hostId);
                bulk.add(action, stored);
                counts.get(type.name()).increment();
            }
        }
    }

    /**
     * The host's own document, as its check-ins write it: facts, group and last check-in (one
     * host in fifty silent for a day, as a fleet has some).
     */
    private void addHostDocument(
            Bulk bulk,
            VirtualHost host,
            String hostId,
            StateUpdates.Source source,
            int index,
            String collectedAt,
            Map<String, LongAdder> counts) {
        DataType type = schema.require("host");
        ObjectNode raw = Http.JSON.createObjectNode();
        ObjectNode facts = raw.putObject("host");
        facts.put("hostname", host.hostName());
        facts.putObject("os")
                .put("family", host.osFamily())
                .put("name", host.osFamily().equals("windows") ? "Windows Server 2022" : "Debian GNU/Linux");
        raw.putObject("agent").put("version", "bench");
        raw.putObject("host_state")
                .put("group", index % 10 == 0 ? "servers" : "default")
                .put(
                        "last_checkin",
                        index % 50 == 0 ? Values.formatDate(Instant.now().minusSeconds(86_400)) : collectedAt);
        ObjectNode document = schema.normalizer(type).normalize(raw, hostId);
        String id = DocumentIds.of(hostId, type, document);
        ObjectNode stored = (ObjectNode) StateUpdates.upsert(type, document, source, collectedAt, collectedAt)
                .get("upsert");
        ObjectNode action = Http.JSON.createObjectNode();
        action.putObject("index").put("_index", type.index()).put("_id", id).put("routing", hostId);
        bulk.add(action, stored);
        counts.get(type.name()).increment();
    }

    /** A host id of the shape the ingest API gives (32 hex digits, from the machine id). */
    private static String hostId(String machineId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("agent7-host-v1:" + machineId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private void send(Bulk bulk, ExecutorService senders, Semaphore room, AtomicReference<Exception> failed)
            throws InterruptedException {
        room.acquire();
        byte[] body = bulk.body.toByteArray();
        senders.execute(() -> {
            try {
                JsonNode response = Http.send(es.resolve("/_bulk"), "POST", "application/x-ndjson", body, null);
                if (response.path("errors").asBoolean()) {
                    throw new IllegalStateException(
                            "A bulk of the simulated fleet had errors: " + firstError(response));
                }
            } catch (RuntimeException e) {
                failed.compareAndSet(null, e);
            } finally {
                room.release();
            }
        });
    }

    private static String firstError(JsonNode response) {
        for (JsonNode item : response.path("items")) {
            JsonNode error = item.path("index").path("error");
            if (!error.isMissingNode()) {
                return error.toString();
            }
        }
        return "(no item names one)";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The NDJSON body of one bulk request being built. */
    private static final class Bulk {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(4 << 20);
        int operations;

        void add(ObjectNode action, ObjectNode source) {
            body.writeBytes(Http.JSON.writeValueAsBytes(action));
            body.write('\n');
            body.writeBytes(Http.JSON.writeValueAsBytes(source));
            body.write('\n');
            operations++;
        }
    }
}
