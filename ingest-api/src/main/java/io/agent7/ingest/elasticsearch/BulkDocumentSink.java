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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 */
@Component
class BulkDocumentSink implements DocumentSink, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BulkDocumentSink.class);
    private static final int PAGE = 5_000;

    // configuration
    private final ElasticsearchClient client;
    private final int maxRetries;
    private final int maxPending;

    // collaborators
    private final BulkIngester<Pending> ingester;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bulk-retry");
        thread.setDaemon(true);
        return thread;
    });

    // state
    private final AtomicInteger pending = new AtomicInteger();

    BulkDocumentSink(ElasticsearchClient client, IngestProperties properties) {
        this.client = client;
        this.maxRetries = properties.maxRetries();
        this.maxPending = properties.maxPendingOperations();
        this.ingester = BulkIngester.of(b -> b
                .client(client)
                .maxOperations(properties.bulkMaxOperations())
                .maxSize(properties.bulkMaxSize().toBytes())
                .maxConcurrentRequests(properties.bulkMaxConcurrent())
                .flushInterval(properties.bulkFlushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .listener(new Listener()));
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
            pending.decrementAndGet();
            if (remaining.decrementAndGet() == 0) {
                future.complete(Arrays.asList(results));
            }
        }
    }

    @Override
    public CompletableFuture<List<Result>> write(List<Write> writes) {
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Tracker tracker = new Tracker(writes.size());
        pending.addAndGet(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            submit(new Pending(tracker, i, writes.get(i), 0));
        }
        return tracker.future;
    }

    private void submit(Pending p) {
        Write w = p.write();
        ingester.add(BulkOperation.of(op -> op.update(u -> u
                .index(w.index())
                .id(w.id())
                .routing(w.routing())
                .retryOnConflict(3)
                .binaryAction(BinaryData.of(w.action(), "application/json")))), p);
    }

    @Override
    public boolean hasRoomFor(int count) {
        return pending.get() + count <= maxPending || pending.get() == 0;
    }

    @Override
    public List<String> presentIdsNotIn(String index, String hostId, Set<String> keep, Instant before) {
        Set<String> excluded = new HashSet<>(keep);
        List<String> found = new ArrayList<>();
        String beforeText = Values.formatDate(before);
        while (true) {
            List<String> exclude = List.copyOf(excluded);
            SearchResponse<Void> response;
            try {
                response = client.search(s -> s.index(index).routing(hostId).size(PAGE).source(src -> src.fetch(false))
                        .query(q -> q.bool(b -> b
                                .filter(f -> f.term(t -> t.field(CommonFields.HOST_ID).value(hostId)))
                                .filter(f -> f.term(t -> t.field(CommonFields.PRESENT).value(true)))
                                .filter(f -> f.range(r -> r.untyped(d -> d.field(CommonFields.LAST_SEEN).lt(JsonData.of(beforeText)))))
                                .mustNot(m -> m.ids(ids -> ids.values(exclude))))), Void.class);
            } catch (IOException e) {
                throw new UncheckedIOException("Searching removed items of host " + hostId + " failed", e);
            }
            List<String> page = response.hits().hits().stream().map(Hit::id).toList();
            found.addAll(page);
            excluded.addAll(page);
            if (page.size() < PAGE) {
                return found;
            }
        }
    }

    private final class Listener implements BulkListener<Pending> {

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Pending> contexts) {
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, BulkResponse response) {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < contexts.size(); i++) {
                Pending p = contexts.get(i);
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    p.tracker().complete(p.slot(), new Result(p.write().id(), outcome(item.result()), null));
                } else if (item.status() == 404 && "document_missing_exception".equals(item.error().type())) {
                    p.tracker().complete(p.slot(), new Result(p.write().id(), Outcome.MISSING, null));
                } else if (item.status() == 429 || item.status() == 503) {
                    retryOrGiveUp(p, item.error().type() + ": " + item.error().reason());
                } else {
                    String error = item.error().type() + ": " + item.error().reason();
                    log.warn("Elasticsearch refused document {} in {}: {}", p.write().id(), p.write().index(), error);
                    p.tracker().complete(p.slot(), new Result(p.write().id(), Outcome.FAILED, error));
                }
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, Throwable failure) {
            log.warn("Bulk request {} of {} operations failed: {}", executionId, contexts.size(), failure.toString());
            for (Pending p : contexts) {
                retryOrGiveUp(p, failure.toString());
            }
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
        long base = 500L << Math.min(p.attempt(), 6);
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base);
        retries.schedule(() -> submit(p.retry()), delay, TimeUnit.MILLISECONDS);
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
        retries.shutdownNow();
    }
}
