package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.protocol.Batch;
import io.agent7.protocol.Durations;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.Values;
import io.agent7.server.web.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
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
    private final ItemTypes itemTypes;
    private final IngestProperties properties;
    private final List<DocumentEnricher> enrichers;
    private final IngestMetrics metrics;

    /** What agents are told to wait ({@code Retry-After}) when Elasticsearch is busy or away. */
    private final Duration retryAfter;
    /**
     * Where a snapshot's search for items gone runs, once its items are in: the search blocks,
     * and the thread that completes writes is the Elasticsearch client's own.
     */
    private final ExecutorService searches = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "ingest-search");
        thread.setDaemon(true);
        return thread;
    });

    IngestService(
            DocumentSink sink,
            ItemTypes itemTypes,
            IngestProperties properties,
            List<DocumentEnricher> enrichers,
            IngestMetrics metrics,
            @org.springframework.beans.factory.annotation.Value("${agent7.retry-after:30s}") Duration retryAfter) {
        this.retryAfter = retryAfter;
        this.sink = sink;
        this.itemTypes = itemTypes;
        this.properties = properties;
        this.enrichers = List.copyOf(enrichers);
        this.metrics = metrics;
    }

    /** Counts of what the batch did, as answered to the agent. */
    record Outcome(String batchId, String type, int received, int created, int updated, int unchanged, int removed) {}

    /** What a batch's writes came to, before its search for items gone. */
    private record Written(boolean firstOfType, Map<DocumentSink.Outcome, Integer> counts, int removed) {}

    /**
     * Validates what cannot wait (room, a batch that both upserts and removes an item) and
     * sends the writes; the future completes once Elasticsearch has acknowledged all of them,
     * or fails with the {@link ApiProblem} to answer.
     */
    CompletableFuture<Outcome> ingest(AgentPrincipal agent, Batch batch) {
        DataType type = batch.type();
        if (!sink.hasRoomFor(batch.documents().size() + batch.removals().size())) {
            metrics.rejected("backpressure");
            throw ApiProblem.retryable(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The ingest queue is full while Elasticsearch catches up; retry later",
                    retryAfter);
        }
        String collectedAt = Values.formatDate(batch.collectedAt());
        // A pair never recorded before has its record written with the items, first: if it is
        // created, this is the pair's first batch and a snapshot has no items gone to look for.
        DocumentSink.Write record = type.series() ? null : itemTypes.unrecorded(agent.hostId(), type, collectedAt);
        List<DocumentSink.Write> upserts = new ArrayList<>(batch.documents().size() + 1);
        if (record != null) {
            upserts.add(record);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (ObjectNode document : batch.documents()) {
            String id = DocumentIds.of(agent.hostId(), type, document);
            if (!ids.add(id)) {
                continue; // the same item twice in one batch: one write
            }
            for (DocumentEnricher enricher : enrichers) {
                if (enricher.appliesTo(type)) {
                    enricher.enrich(agent, type, id, document);
                }
            }
            upserts.add(new DocumentSink.Write(
                    type.index(), id, agent.hostId(), action(agent, type, document, collectedAt)));
        }
        Set<String> removedIds = new LinkedHashSet<>();
        for (ObjectNode gone : batch.removals()) {
            String id = DocumentIds.of(agent.hostId(), type, gone);
            if (ids.contains(id)) {
                throw ApiProblem.badRequest(
                        "The batch both upserts and removes item " + id + "; send one or the other");
            }
            removedIds.add(id);
        }
        // Only what is present now: an item removed before keeps the time it was first found gone.
        Set<String> present = sink.presentAmong(type.index(), agent.hostId(), removedIds);
        byte[] removal = present.isEmpty() ? null : removalAction(collectedAt); // most batches remove nothing
        List<DocumentSink.Write> removals = present.stream()
                .map(id -> new DocumentSink.Write(type.index(), id, agent.hostId(), removal))
                .toList();
        var pendingUpserts = sink.write(upserts);
        var pendingRemovals = sink.write(removals);
        CompletableFuture<Written> written = acknowledged(pendingUpserts)
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
        // What is left to wait for holds no document: they are written out above, and a batch
        // in flight keeps only its writes' bytes, not the parsed trees (most of its memory).
        String batchId = batch.id();
        int received = batch.documents().size() + batch.removals().size();
        Instant before = batch.collectedAt();
        // A series keeps every sample; only state types have items that go away.
        boolean searchesForGone = batch.mode() == Batch.Mode.SNAPSHOT && !type.series();
        return written.thenCompose(w -> searchesForGone && !w.firstOfType()
                ? markRemoved(agent, type, ids, before)
                        .thenApply(gone -> outcome(batchId, type, received, w, w.removed() + gone))
                : CompletableFuture.completedFuture(outcome(batchId, type, received, w, w.removed())));
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
                        () -> sink.presentIdsNotIn(type.index(), agent.hostId(), keep, before), searches)
                .thenCompose(gone -> {
                    if (gone.isEmpty()) {
                        return CompletableFuture.completedFuture(0);
                    }
                    byte[] action = removalAction(Values.formatDate(before));
                    List<DocumentSink.Write> writes = gone.stream()
                            .map(id -> new DocumentSink.Write(type.index(), id, agent.hostId(), action))
                            .toList();
                    return acknowledged(sink.write(writes))
                            .thenApply(results -> counts(results).getOrDefault(DocumentSink.Outcome.UPDATED, 0));
                });
    }

    private static byte[] action(AgentPrincipal agent, DataType type, ObjectNode document, String collectedAt) {
        return StateUpdates.upsertAction(
                type,
                document,
                new StateUpdates.Source(agent.hostId(), agent.hostName(), agent.agentId()),
                collectedAt);
    }

    private static Map<DocumentSink.Outcome, Integer> counts(List<DocumentSink.Result> results) {
        Map<DocumentSink.Outcome, Integer> counts = new EnumMap<>(DocumentSink.Outcome.class);
        for (DocumentSink.Result result : results) {
            counts.merge(result.outcome(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The results of the writes once all are in, within the write timeout; fails with a 503
     * or 422 naming what failed when any did.
     */
    private CompletableFuture<List<DocumentSink.Result>> acknowledged(
            CompletableFuture<List<DocumentSink.Result>> pending) {
        return pending.orTimeout(properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((results, failure) -> {
                    if (failure != null) {
                        throw asCompletion(unavailable(failure));
                    }
                    checkEach(results);
                    return results;
                });
    }

    private ApiProblem unavailable(Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof TimeoutException) {
            return ApiProblem.retryable(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Elasticsearch did not acknowledge the batch within " + Durations.format(properties.writeTimeout())
                            + "; retry it",
                    retryAfter);
        }
        log.warn("Bulk write failed", cause);
        return ApiProblem.retryable(HttpStatus.SERVICE_UNAVAILABLE, "Elasticsearch is unavailable; retry", retryAfter);
    }

    private void checkEach(List<DocumentSink.Result> results) {
        List<ApiProblem.Error> failures = new ArrayList<>();
        boolean unavailable = false;
        for (DocumentSink.Result result : results) {
            if (result.outcome() == DocumentSink.Outcome.UNAVAILABLE) {
                unavailable = true;
            } else if (result.outcome() == DocumentSink.Outcome.FAILED
                    && failures.size() < BatchReader.MAX_REPORTED_ERRORS) {
                failures.add(new ApiProblem.Error(null, null, "document " + result.id() + ": " + result.error()));
            }
        }
        if (unavailable) {
            throw ApiProblem.retryable(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Elasticsearch could not take part of the batch; retry it (what was written will not be duplicated)",
                    retryAfter);
        }
        if (!failures.isEmpty()) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Elasticsearch refused " + failures.size() + " documents of the batch",
                    failures);
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
