package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.protocol.Batch;
import io.agent7.protocol.Durations;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.StoredDocument;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a validated batch into idempotent updates of content-hash ids ({@link StateUpdates})
 * and answers once Elasticsearch has them. Posting the same batch again writes nothing.
 *
 * <p>The answer is a future: no request thread waits while Elasticsearch indexes, so the
 * number of agents whose batches are in flight is not bounded by the web server's threads,
 * and many agents' writes fill each bulk.
 */
@Service
class IngestService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DocumentSink sink;
    private final PresentItems present;
    private final ItemTypes itemTypes;
    private final CollectionTimes times;
    private final IngestProperties properties;
    private final List<DocumentEnricher> enrichers;
    private final IngestMetrics metrics;

    /**
     * Where a snapshot's search for items gone runs, once its items are in
     * ({@code agent7.ingest.search-concurrency} threads): the search blocks, and the thread that
     * completes writes is the Elasticsearch client's own.
     */
    private final ExecutorService searches;

    /**
     * Batches whose writes are queued or in flight. An agent whose post timed out sends the same
     * batch again; while Elasticsearch is slow, queueing its writes a second (third, tenth) time
     * would multiply the load that made it slow. The copy joins the writes already queued.
     */
    private final ConcurrentMap<BatchKey, CompletableFuture<Written>> queued = new ConcurrentHashMap<>();

    /** A batch as its sender names it; the counts guard against an id reused for other contents. */
    private record BatchKey(String hostId, String type, String batchId, Batch.Mode mode, int documents, int removals) {
        static BatchKey of(AgentPrincipal agent, StoredBatch batch) {
            return new BatchKey(
                    agent.hostId(),
                    batch.type().name(),
                    batch.id(),
                    batch.mode(),
                    batch.documents().size(),
                    batch.removals().size());
        }
    }

    IngestService(
            DocumentSink sink,
            PresentItems present,
            ItemTypes itemTypes,
            CollectionTimes times,
            IngestProperties properties,
            List<DocumentEnricher> enrichers,
            IngestMetrics metrics) {
        this.searches = Executors.newFixedThreadPool(properties.searchConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "ingest-search");
            thread.setDaemon(true);
            return thread;
        });
        this.sink = sink;
        this.present = present;
        this.itemTypes = itemTypes;
        this.times = times;
        this.properties = properties;
        this.enrichers = List.copyOf(enrichers);
        this.metrics = metrics;
    }

    /** Counts of what the batch did, as answered to the agent. */
    record Outcome(String batchId, String type, int received, int created, int updated, int unchanged, int removed) {}

    /** What a batch's writes came to, before its search for items gone. */
    private record Written(boolean firstOfType, Map<DocumentSink.Outcome, Integer> counts, int removed) {}

    /**
     * Validates what cannot wait (the batch's time, room, a batch that both upserts and
     * removes an item) and sends the writes; the future completes once Elasticsearch has acknowledged all of them,
     * or fails with what went wrong: {@link IngestUnavailableException} when the same batch
     * can be sent again later, {@link DocumentsRefusedException} when Elasticsearch refused
     * documents for what they hold, {@link ElasticsearchUnavailableException} when a read
     * for the batch found Elasticsearch away.
     *
     * @throws BatchTooOldException the batch was collected longer ago than the maximum age
     * @throws IngestUnavailableException the ingest queue is full
     * @throws InvalidBatchException the batch both upserts and removes an item
     */
    CompletableFuture<Outcome> ingest(AgentPrincipal agent, Batch batch) {
        return ingest(agent, StoredBatch.of(batch));
    }

    /** {@link #ingest(AgentPrincipal, Batch)} of a batch read in stored form, as the ingest endpoint reads it. */
    CompletableFuture<Outcome> ingest(AgentPrincipal agent, StoredBatch batch) {
        DataType type = batch.type();
        Instant collected;
        try {
            collected = times.bounded(agent, batch.header().collectedAt());
        } catch (BatchTooOldException e) {
            metrics.rejected("too_old");
            throw e;
        }
        String collectedAt = Values.formatDate(collected);
        BatchKey key = BatchKey.of(agent, batch);
        CompletableFuture<Written> written = queued.get(key);
        Set<String> ids;
        if (written != null) {
            metrics.joined(type.name());
            ids = new LinkedHashSet<>();
            for (StoredDocument document : batch.documents()) {
                ids.add(DocumentIds.of(agent.hostId(), type, document));
            }
        } else {
            ids = new LinkedHashSet<>();
            written = write(agent, batch, collectedAt, ids);
            CompletableFuture<Written> mine = written;
            queued.put(key, mine);
            mine.whenComplete((w, failure) -> queued.remove(key, mine));
        }
        // What is left to wait for holds no document: they are written out above, and a batch
        // in flight keeps only its writes' bytes, not the parsed trees (most of its memory).
        String batchId = batch.id();
        int received = batch.documents().size() + batch.removals().size();
        Instant before = collected;
        // A series keeps every sample; only state types have items that go away.
        boolean searchesForGone = batch.mode() == Batch.Mode.SNAPSHOT && !type.series();
        return withinWriteTimeout(written)
                .thenCompose(w -> searchesForGone && !w.firstOfType()
                        ? markRemoved(agent, type, ids, before)
                                .thenApply(gone -> outcome(batchId, type, received, w, w.removed() + gone))
                        : CompletableFuture.completedFuture(outcome(batchId, type, received, w, w.removed())));
    }

    /**
     * Queues the batch's writes, collecting its items' ids in {@code ids}; completes when
     * Elasticsearch has acknowledged all of them, however long that takes.
     */
    private CompletableFuture<Written> write(
            AgentPrincipal agent, StoredBatch batch, String collectedAt, Set<String> ids) {
        DataType type = batch.type();
        if (!sink.hasRoomFor(batch.documents().size() + batch.removals().size())) {
            metrics.rejected("backpressure");
            throw new IngestUnavailableException(
                    "The ingest queue is full while Elasticsearch catches up; retry later");
        }
        // A pair never recorded before has its record written with the items, first: if it is
        // created, this is the pair's first batch and a snapshot has no items gone to look for.
        DocumentSink.Write record = type.series() ? null : itemTypes.unrecorded(agent.hostId(), type, collectedAt);
        List<DocumentSink.Write> upserts = new ArrayList<>(batch.documents().size() + 1);
        // A host's items share its shard; a domain's are routed by id, whichever host writes them.
        String routing = DocumentIds.routing(agent.hostId(), type);
        Instant now = Instant.now();
        String ingestedAt = Values.formatDate(now);
        if (record != null) {
            upserts.add(record);
        }
        StateUpdates.Source source = new StateUpdates.Source(agent.hostId(), agent.hostName(), agent.agentId());
        try (StateUpdates.Upserts actions = StateUpdates.upserts(type, source, collectedAt, ingestedAt)) {
            for (StoredDocument document : batch.documents()) {
                String id = DocumentIds.of(agent.hostId(), type, document);
                if (!ids.add(id)) {
                    continue; // the same item twice in one batch: one write
                }
                for (DocumentEnricher enricher : enrichers) {
                    if (enricher.appliesTo(type)) {
                        enricher.enrich(agent, type, id, document);
                    }
                }
                upserts.add(
                        new DocumentSink.Write(type.writeIndex(document, now), id, routing, actions.action(document)));
            }
        }
        Set<String> removedIds = new LinkedHashSet<>();
        for (ObjectNode gone : batch.removals()) {
            String id = DocumentIds.of(agent.hostId(), type, gone);
            if (ids.contains(id)) {
                throw new InvalidBatchException(
                        "The batch both upserts and removes item " + id + "; send one or the other");
            }
            removedIds.add(id);
        }
        // Only what is present now: an item removed before keeps the time it was first found gone.
        Set<String> toRemove = present.among(type.index(), routing, agent.hostId(), removedIds);
        byte[] removal = toRemove.isEmpty() ? null : removalAction(collectedAt); // most batches remove nothing
        List<DocumentSink.Write> removals = toRemove.stream()
                .map(id -> new DocumentSink.Write(type.index(), id, routing, removal))
                .toList();
        var pendingUpserts = sink.write(upserts);
        var pendingRemovals = sink.write(removals);
        return acknowledged(pendingUpserts)
                .handle((results, failure) -> {
                    if (failure != null) {
                        if (record != null) {
                            itemTypes.unsure(agent.hostId(), type); // items may be in and the record not
                        }
                        throw asCompletion(failure);
                    }
                    boolean firstOfType = false;
                    List<DocumentSink.Result> items = results;
                    if (record != null) {
                        firstOfType = itemTypes.recorded(
                                agent.hostId(), type, results.get(0).outcome() == DocumentSink.Outcome.CREATED);
                        items = results.subList(1, results.size());
                    }
                    return new Written(firstOfType, counts(items), 0);
                })
                .thenCombine(
                        acknowledged(pendingRemovals),
                        (items, removed) -> new Written(
                                items.firstOfType(),
                                items.counts(),
                                counts(removed).getOrDefault(DocumentSink.Outcome.UPDATED, 0)));
    }

    private Outcome outcome(String batchId, DataType dataType, int received, Written written, int removed) {
        String type = dataType.name();
        Map<DocumentSink.Outcome, Integer> counts = written.counts();
        Outcome outcome = new Outcome(
                batchId,
                type,
                received,
                counts.getOrDefault(DocumentSink.Outcome.CREATED, 0),
                counts.getOrDefault(DocumentSink.Outcome.UPDATED, 0),
                counts.getOrDefault(DocumentSink.Outcome.UNCHANGED, 0),
                removed);
        metrics.documents(type, "created", outcome.created());
        metrics.documents(type, "updated", outcome.updated());
        metrics.documents(type, "unchanged", outcome.unchanged());
        metrics.documents(type, "removed", outcome.removed());
        return outcome;
    }

    private static byte[] removalAction(String collectedAt) {
        return JSON.writeValueAsBytes(StateUpdates.removal(collectedAt));
    }

    /** Marks the host's items the snapshot no longer lists as removed; completes with how many. */
    private CompletableFuture<Integer> markRemoved(
            AgentPrincipal agent, DataType type, Set<String> keep, Instant before) {
        return CompletableFuture.supplyAsync(
                        () -> present.idsNotIn(
                                type.index(), DocumentIds.routing(agent.hostId(), type), agent.hostId(), keep, before),
                        searches)
                .thenCompose(gone -> {
                    if (gone.isEmpty()) {
                        return CompletableFuture.completedFuture(0);
                    }
                    byte[] action = removalAction(Values.formatDate(before));
                    List<DocumentSink.Write> writes = gone.stream()
                            .map(id -> new DocumentSink.Write(
                                    type.index(), id, DocumentIds.routing(agent.hostId(), type), action))
                            .toList();
                    return withinWriteTimeout(acknowledged(sink.write(writes)))
                            .thenApply(results -> counts(results).getOrDefault(DocumentSink.Outcome.UPDATED, 0));
                });
    }

    private static Map<DocumentSink.Outcome, Integer> counts(List<DocumentSink.Result> results) {
        Map<DocumentSink.Outcome, Integer> counts = new EnumMap<>(DocumentSink.Outcome.class);
        for (DocumentSink.Result result : results) {
            counts.merge(result.outcome(), 1, Integer::sum);
        }
        return counts;
    }

    /** The results of the writes once all are in; fails naming what failed when any did. */
    private CompletableFuture<List<DocumentSink.Result>> acknowledged(
            CompletableFuture<List<DocumentSink.Result>> pending) {
        return pending.handle((results, failure) -> {
            if (failure != null) {
                throw asCompletion(unavailable(failure));
            }
            checkEach(results);
            return results;
        });
    }

    /**
     * What one agent's request waits for: the writes, up to the write timeout. The writes go on
     * past it (the next copy of the batch joins them); only this answer gives up.
     */
    private <T> CompletableFuture<T> withinWriteTimeout(CompletableFuture<T> writes) {
        return writes.copy()
                .orTimeout(properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((value, failure) -> {
                    if (failure == null) {
                        return value;
                    }
                    Throwable cause = unwrapped(failure);
                    throw asCompletion(cause instanceof TimeoutException ? unavailable(cause) : cause);
                });
    }

    private IngestUnavailableException unavailable(Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof TimeoutException) {
            return new IngestUnavailableException("Elasticsearch did not acknowledge the batch within "
                    + Durations.format(properties.writeTimeout()) + "; retry it");
        }
        log.warn("Bulk write failed", cause);
        return new IngestUnavailableException("Elasticsearch is unavailable; retry");
    }

    private void checkEach(List<DocumentSink.Result> results) {
        List<DocumentsRefusedException.Refusal> refused = new ArrayList<>();
        boolean unavailable = false;
        for (DocumentSink.Result result : results) {
            if (result.outcome() == DocumentSink.Outcome.UNAVAILABLE) {
                unavailable = true;
            } else if (result.outcome() == DocumentSink.Outcome.FAILED) {
                refused.add(new DocumentsRefusedException.Refusal(result.id(), result.error()));
            }
        }
        if (unavailable) {
            throw new IngestUnavailableException(
                    "Elasticsearch could not take part of the batch; retry it (what was written will not be duplicated)");
        }
        if (!refused.isEmpty()) {
            throw new DocumentsRefusedException(refused);
        }
    }

    /** What a stage failed with, without the CompletionException that carries it. */
    static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** A failure as a stage rethrows it, not wrapped twice. */
    private static CompletionException asCompletion(Throwable failure) {
        return failure instanceof CompletionException completion ? completion : new CompletionException(failure);
    }

    @Override
    public void destroy() {
        searches.shutdownNow();
    }
}
