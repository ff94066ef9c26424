package io.agent7.ingest.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import io.agent7.ingest.ingest.DocumentSink;
import io.agent7.ingest.ingest.IngestProperties;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 *
 * <p>A bulk Elasticsearch refuses as too large (413, past its {@code http.max_content_length})
 * is not retried whole: it would be refused again. Its operations go out again as two halves,
 * one after the other, and a half refused too is halved again ({@link #resend}); an operation
 * too large on its own fails, with that reason. The halves bypass the ingester, which would
 * put them back into bulks as large as before.
 */
@Component
class BulkDocumentSink implements DocumentSink, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BulkDocumentSink.class);
    /**
     * What the listener reads of a bulk response, and what the client requires to parse one.
     * The rest of each item (id, version, shards, sequence number) is most of the response
     * and would be decoded item by item for nothing.
     */
    static final String BULK_RESPONSE_FIELDS = "took,errors,items.*._index,items.*.status,items.*.result,items.*.error";

    // configuration
    private final int maxRetries;
    private final int maxPending;
    private final int maxConcurrent;
    /** Operations that make a bulk worth sending while another is in flight. */
    private final int fill;

    // collaborators
    private final BulkIngester<Pending> ingester;
    /** Sends the halves of a bulk that was too large, with the ingester's response filter. */
    private final ElasticsearchAsyncClient halves;

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
    private final Counter split;
    private final Timer latency;
    private final DistributionSummary operations;

    BulkDocumentSink(
            ElasticsearchClient client, IngestProperties properties, MeterRegistry meters, WriteProgress progress) {
        this.progress = progress;
        this.maxRetries = properties.maxRetries();
        this.maxPending = properties.maxPendingOperations();
        this.maxConcurrent = properties.bulkMaxConcurrent();
        this.fill = Math.max(1, properties.bulkMaxOperations() / 4);
        this.retried = Counter.builder("agent7.bulk.retries")
                .description("Operations retried after a 429 or 503, or a failed bulk")
                .register(meters);
        this.split = Counter.builder("agent7.bulk.splits")
                .description("Bulks Elasticsearch refused as too large (413), sent again as two halves")
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
        this.halves = new ElasticsearchAsyncClient(bulkClient._transport(), bulkClient._transportOptions());
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
        ingester.add(operation(p.write()), p);
    }

    private static BulkOperation operation(Write w) {
        return BulkOperation.of(op -> op.update(u -> u.index(w.index())
                .id(w.id())
                .routing(w.routing())
                .retryOnConflict(3)
                .binaryAction(BinaryData.of(w.action(), "application/json"))));
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
            settle(contexts, response);
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, Throwable failure) {
            finished(executionId);
            if (ElasticsearchErrors.status(failure) == 413) {
                progress.answered(); // Elasticsearch is there: it answered that the bulk was too large
                resend(contexts);
            } else {
                progress.failed();
                log.warn(
                        "Bulk request {} of {} operations failed: {}",
                        executionId,
                        contexts.size(),
                        failure.toString());
                for (Pending p : contexts) {
                    retryOrGiveUp(p, failure.toString());
                }
            }
            flushIfWorthIt();
        }
    }

    /** Completes each operation of an answered bulk by its item, or retries it after a 429 or 503. */
    private void settle(List<Pending> contexts, BulkResponse response) {
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
            } else if (item.status() == 401 || item.status() == 403) {
                // The service's role lacks a privilege (say, a new release's roles not yet on the
                // nodes): the document is not at fault, so the agent keeps it and sends it again.
                String error = item.error().type() + ": " + item.error().reason();
                log.error(
                        "Elasticsearch denied writing to {} ({}): give the ingest API's user the role in"
                                + " deploy/elasticsearch/roles.yml; the agents send the batch again",
                        p.write().index(),
                        error);
                p.tracker().complete(p.slot(), new Result(p.write().id(), Outcome.UNAVAILABLE, error));
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

    /**
     * Sends again, as two halves one after the other, the operations of a bulk Elasticsearch
     * refused as too large; each half is halved again while it is refused. One operation that
     * is too large on its own fails: sending it again cannot help.
     */
    private CompletableFuture<Void> resend(List<Pending> contexts) {
        if (contexts.size() == 1) {
            Pending p = contexts.get(0);
            String error = "request_too_large: the update alone (" + p.write().action().length
                    + " bytes) is more than Elasticsearch takes in one request (HTTP 413, http.max_content_length)";
            log.warn(
                    "Elasticsearch refused document {} in {}: {}",
                    p.write().id(),
                    p.write().index(),
                    error);
            p.tracker().complete(p.slot(), new Result(p.write().id(), Outcome.FAILED, error));
            return CompletableFuture.completedFuture(null);
        }
        split.increment();
        int half = contexts.size() / 2;
        List<Pending> second = contexts.subList(half, contexts.size());
        return send(contexts.subList(0, half)).thenCompose(first -> send(second));
    }

    /** One half on its own bulk request; completes once each of its operations has its outcome or is retried. */
    private CompletableFuture<Void> send(List<Pending> contexts) {
        BulkRequest request = BulkRequest.of(b ->
                b.operations(contexts.stream().map(p -> operation(p.write())).toList()));
        long start = System.nanoTime();
        operations.record(contexts.size());
        CompletableFuture<BulkResponse> answer;
        try {
            answer = halves.bulk(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((response, failure) -> {
                    latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    Throwable cause =
                            failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                    if (cause == null) {
                        progress.answered();
                        settle(contexts, response);
                    } else if (ElasticsearchErrors.status(cause) == 413) {
                        progress.answered();
                        return resend(contexts);
                    } else {
                        progress.failed();
                        log.warn(
                                "Part of a bulk too large, {} operations, failed: {}",
                                contexts.size(),
                                cause.toString());
                        contexts.forEach(p -> retryOrGiveUp(p, cause.toString()));
                    }
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(next -> next);
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
        retries.schedule(
                () -> {
                    submit(p.retry());
                    flushIfWorthIt(); // as any write: at once when no bulk is in flight
                },
                delay,
                TimeUnit.MILLISECONDS);
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
