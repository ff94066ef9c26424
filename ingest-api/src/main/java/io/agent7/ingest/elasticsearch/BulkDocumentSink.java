package io.agent7.ingest.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.util.BinaryData;
import io.agent7.ingest.ingest.DocumentSink;
import io.agent7.ingest.ingest.IngestProperties;
import io.agent7.schema.CommonFields;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.ElasticsearchUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * All agents' writes go through one shared {@link BulkIngester}, so that many small posts
 * become few large bulks. Each write carries its batch's tracker as the ingester's context;
 * the listener completes the tracker item by item, so an agent is answered only once every
 * one of its writes is acknowledged.
 *
 * <p>Group commit: with no bulk in flight, a write goes out at once, so a lone agent waits
 * for no timer. With bulks in flight and a slot free, the next bulk goes out once it holds a
 * quarter of a full bulk ({@link #fill}), to be queued in Elasticsearch before the one being
 * indexed is done; a bulk of a few writes sent then would take the slot for little and leave
 * Elasticsearch idle after it. Whatever is left goes out when a bulk comes back, and the flush interval stays as
 * a backstop. Flushes run on a thread of their own: flush() may wait for a slot,
 * and that must not hold up a request thread.
 *
 * <p>The ingester asks the client for a connection while it holds its own lock, and runs its
 * completion code under that lock: the client must never complete a bulk on its I/O thread
 * (server-common's {@code IsolatingHttpClient} sees to that), and every bulk fails by its
 * deadline at the latest, so whatever waits for a slot waits a bounded time.
 * {@link WriteProgress} records what the bulks do, for the health probes.
 */
@Component
class BulkDocumentSink implements DocumentSink, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BulkDocumentSink.class);
    private static final int PAGE = 5_000;
    /**
     * What the listener reads of a bulk response, and what the client requires to parse one.
     * The rest of each item (id, version, shards, sequence number) is most of the response
     * and would be decoded item by item for nothing.
     */
    static final String BULK_RESPONSE_FIELDS = "took,errors,items.*._index,items.*.status,items.*.result,items.*.error";

    // configuration
    private final ElasticsearchClient client;
    private final int maxRetries;
    private final int maxPending;
    private final int maxConcurrent;
    /** Operations that make a bulk worth sending while another is in flight. */
    private final int fill;

    // collaborators
    private final BulkIngester<Pending> ingester;
    private final ExecutorService flusher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bulk-flush");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bulk-retry");
        thread.setDaemon(true);
        return thread;
    });

    // state
    private final WriteProgress progress;
    private final AtomicBoolean flushRequested = new AtomicBoolean();
    /** Bulks sent and not yet answered, counted here: the ingester's own count drops only after the listener has run. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private final Map<Long, Long> started = new ConcurrentHashMap<>();

    private final Counter retried;
    private final Timer latency;
    private final DistributionSummary operations;

    BulkDocumentSink(
            ElasticsearchClient client, IngestProperties properties, MeterRegistry meters, WriteProgress progress) {
        this.client = client;
        this.progress = progress;
        this.maxRetries = properties.maxRetries();
        this.maxPending = properties.maxPendingOperations();
        this.maxConcurrent = properties.bulkMaxConcurrent();
        this.fill = Math.max(1, properties.bulkMaxOperations() / 4);
        this.retried = Counter.builder("agent7.bulk.retries")
                .description("Operations retried after a 429 or 503, or a failed bulk")
                .register(meters);
        this.latency = Timer.builder("agent7.bulk.latency")
                .description("Time Elasticsearch took to answer a bulk")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.operations = DistributionSummary.builder("agent7.bulk.operations")
                .description("Operations per bulk request")
                .publishPercentiles(0.1, 0.5, 0.9)
                .register(meters);
        ElasticsearchClient bulkClient =
                client.withTransportOptions(o -> o.setParameter("filter_path", BULK_RESPONSE_FIELDS));
        this.ingester = BulkIngester.of(b -> b.client(bulkClient)
                .maxOperations(properties.bulkMaxOperations())
                .maxSize(properties.bulkMaxSize().toBytes())
                .maxConcurrentRequests(maxConcurrent)
                .flushInterval(properties.bulkFlushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .listener(new Listener()));
        Gauge.builder("agent7.bulk.pending_operations", progress, WriteProgress::pending)
                .description("Operations accepted from agents and not yet acknowledged by Elasticsearch")
                .register(meters);
        Gauge.builder("agent7.bulk.queued_operations", ingester, BulkIngester::pendingOperations)
                .description("Operations waiting in the BulkIngester for the next bulk")
                .register(meters);
        Gauge.builder("agent7.bulk.requests_in_flight", ingester, BulkIngester::pendingRequests)
                .description("Bulk requests sent and not yet answered")
                .register(meters);
    }

    @Override
    public CompletableFuture<List<Result>> write(List<Write> writes) {
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Tracker tracker = new Tracker(writes.size());
        progress.accepted(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            submit(new Pending(tracker, i, writes.get(i), 0));
        }
        flushIfWorthIt();
        return tracker.future;
    }

    private void submit(Pending p) {
        Write w = p.write();
        ingester.add(
                BulkOperation.of(op -> op.update(u -> u.index(w.index())
                        .id(w.id())
                        .routing(w.routing())
                        .retryOnConflict(3)
                        .binaryAction(BinaryData.of(w.action(), "application/json")))),
                p);
    }

    /** Sends what is queued when no bulk is in flight, or when it fills {@link #fill} and a slot is free. */
    private void flushIfWorthIt() {
        int flying = inFlight.get();
        int queued = ingester.pendingOperations();
        if (queued > 0 && (flying == 0 || (flying < maxConcurrent && queued >= fill))) {
            requestFlush();
        }
    }

    private void requestFlush() {
        if (flushRequested.compareAndSet(false, true)) {
            flusher.execute(() -> {
                flushRequested.set(false);
                ingester.flush();
            });
        }
    }

    /** One write of one batch, and how often it was tried. */
    private record Pending(Tracker tracker, int slot, Write write, int attempt) {
        Pending retry() {
            return new Pending(tracker, slot, write, attempt + 1);
        }
    }

    /** Collects the results of one batch's writes and completes when all are in. */
    private final class Tracker {
        final CompletableFuture<List<Result>> future = new CompletableFuture<>();
        final Result[] results;
        final AtomicInteger remaining;

        Tracker(int size) {
            results = new Result[size];
            remaining = new AtomicInteger(size);
        }

        void complete(int slot, Result result) {
            results[slot] = result;
            progress.completed();
            if (remaining.decrementAndGet() == 0) {
                future.complete(Arrays.asList(results));
            }
        }
    }

    @Override
    public boolean hasRoomFor(int count) {
        int pending = progress.pending();
        return pending + count <= maxPending || pending == 0;
    }

    @Override
    public List<String> presentIdsNotIn(String index, String hostId, Set<String> keep, Instant before) {
        Set<String> excluded = new HashSet<>(keep);
        List<String> found = new ArrayList<>();
        String beforeText = Values.formatDate(before);
        while (true) {
            List<String> exclude = List.copyOf(excluded);
            SearchResponse<Void> response = ElasticsearchErrors.call(
                    "Searching removed items of host " + hostId,
                    () -> client.search(
                            s -> s.index(index)
                                    .routing(hostId)
                                    .size(PAGE)
                                    .source(src -> src.fetch(false))
                                    .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field(CommonFields.HOST_ID)
                                                    .value(hostId)))
                                            .filter(f -> f.term(t -> t.field(CommonFields.PRESENT)
                                                    .value(true)))
                                            .filter(f -> f.range(r -> r.untyped(d -> d.field(CommonFields.LAST_SEEN)
                                                    .lt(JsonData.of(beforeText)))))
                                            .mustNot(m -> m.ids(ids -> ids.values(exclude))))),
                            Void.class));
            if (response.shards().failed().intValue() > 0) {
                // Partial results would miss items, and the agent would never learn they stayed present.
                throw new ElasticsearchUnavailableException("Searching removed items of host " + hostId + " reached "
                        + response.shards().successful() + " of "
                        + response.shards().total() + " shards");
            }
            List<String> page = response.hits().hits().stream().map(Hit::id).toList();
            found.addAll(page);
            excluded.addAll(page);
            if (page.size() < PAGE) {
                return found;
            }
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Set<String> presentAmong(String index, String hostId, Set<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        var response = ElasticsearchErrors.call(
                "Reading items of host " + hostId,
                () -> client.mget(
                        m -> m.index(index)
                                .routing(hostId)
                                .ids(List.copyOf(ids))
                                .sourceIncludes(CommonFields.PRESENT, CommonFields.HOST_ID),
                        Map.class));
        Set<String> present = new HashSet<>();
        for (var doc : response.docs()) {
            if (!doc.isResult()) {
                // Not "absent": unknown, e.g. a shard still recovering after a restart. Treating it
                // as absent would skip a removal the agent then believes was made.
                throw new ElasticsearchUnavailableException("Reading items of host " + hostId + " failed: "
                        + doc.failure().error().reason());
            }
            if (doc.result().found() && doc.result().source() != null) {
                Map source = doc.result().source();
                Object agent7 = source.get("agent7");
                Object host = source.get("host");
                boolean isPresent = agent7 instanceof Map m && Boolean.TRUE.equals(m.get("present"));
                boolean sameHost = host instanceof Map h && hostId.equals(h.get("id"));
                if (isPresent && sameHost) {
                    present.add(doc.result().id());
                }
            }
        }
        return present;
    }

    private final class Listener implements BulkListener<Pending> {

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Pending> contexts) {
            inFlight.incrementAndGet();
            started.put(executionId, System.nanoTime());
            operations.record(contexts.size());
        }

        /** A bulk came back, answered or failed: it leaves the slots, and its latency is recorded. */
        private void finished(long executionId) {
            inFlight.decrementAndGet();
            Long start = started.remove(executionId);
            if (start != null) {
                latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, BulkResponse response) {
            finished(executionId);
            progress.answered();
            flushIfWorthIt();
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < contexts.size(); i++) {
                Pending p = contexts.get(i);
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    p.tracker().complete(p.slot(), new Result(p.write().id(), outcome(item.result()), null));
                } else if (item.status() == 404
                        && "document_missing_exception".equals(item.error().type())) {
                    p.tracker().complete(p.slot(), new Result(p.write().id(), Outcome.MISSING, null));
                } else if (item.status() == 429 || item.status() == 503) {
                    retryOrGiveUp(p, item.error().type() + ": " + item.error().reason());
                } else {
                    String error = item.error().type() + ": " + item.error().reason();
                    log.warn(
                            "Elasticsearch refused document {} in {}: {}",
                            p.write().id(),
                            p.write().index(),
                            error);
                    p.tracker().complete(p.slot(), new Result(p.write().id(), Outcome.FAILED, error));
                }
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, Throwable failure) {
            finished(executionId);
            progress.failed();
            log.warn("Bulk request {} of {} operations failed: {}", executionId, contexts.size(), failure.toString());
            for (Pending p : contexts) {
                retryOrGiveUp(p, failure.toString());
            }
            flushIfWorthIt();
        }
    }

    /**
     * Retries with exponential backoff and jitter (0.5 s, 1 s, 2 s, ... each ±50%), so that
     * a node that is briefly overloaded or restarting is not hammered by every agent at once.
     */
    private void retryOrGiveUp(Pending p, String error) {
        if (p.attempt() >= maxRetries) {
            p.tracker().complete(p.slot(), new Result(p.write().id(), Outcome.UNAVAILABLE, error));
            return;
        }
        retried.increment();
        long base = backoffBase(p.attempt());
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base);
        retries.schedule(() -> submit(p.retry()), delay, TimeUnit.MILLISECONDS);
    }

    private static long backoffBase(int attempt) {
        return 500L << Math.min(attempt, 6);
    }

    /** The longest an operation waits between two tries, with {@code maxRetries} retries. */
    static Duration longestBackoff(int maxRetries) {
        return maxRetries == 0 ? Duration.ZERO : Duration.ofMillis(backoffBase(maxRetries - 1) * 3 / 2);
    }

    private static Outcome outcome(String result) {
        return switch (result == null ? "" : result) {
            case "created" -> Outcome.CREATED;
            case "noop" -> Outcome.UNCHANGED;
            default -> Outcome.UPDATED;
        };
    }

    @Override
    public void destroy() {
        ingester.close();
        flusher.shutdownNow();
        retries.shutdownNow();
    }
}
