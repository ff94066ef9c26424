package io.agent7.detections.retention;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deletes what is older than {@link RetentionProperties} keeps, on every distribution the same
 * way (the minimal one has neither ILM nor delete-by-query):
 *
 * <ul>
 *   <li>a series' daily index, once every sample of its day is older than the metrics age: a
 *       whole index, no document by document. The newest day is kept whatever its age, so the
 *       type's alias (which the console and rules read) always names an index.
 *   <li>an item removed longer ago than the removed age, in each state type: found in a point in
 *       time, deleted in bulk, each delete on the condition that the document is still the one
 *       found ({@code if_seq_no}, {@code if_primary_term}). An item that came back meanwhile was
 *       updated by its host, so its delete conflicts and it stays.
 * </ul>
 *
 * Each pass is idempotent: several detections instances may run it, and what one deleted the
 * other finds gone.
 */
public final class Retention {

    /** What one pass did. */
    public record Pass(List<String> indicesDeleted, Map<String, Long> removedDeleted, long keptChanged) {
        public long removedTotal() {
            return removedDeleted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final ElasticsearchClient client;
    private final Schema schema;
    private final RetentionProperties properties;
    private final Clock clock;

    public Retention(ElasticsearchClient client, Schema schema, RetentionProperties properties, Clock clock) {
        this.client = client;
        this.schema = schema;
        this.properties = properties;
        this.clock = clock;
    }

    /** One pass over every type; a failure stops the pass (the next one starts over). */
    public Pass run() {
        Instant now = clock.instant();
        List<String> indices = new ArrayList<>();
        Map<String, Long> removed = new TreeMap<>();
        long[] changed = {0};
        for (DataType type : schema.types()) {
            if (type.series()) {
                if (!properties.metrics().isZero()) {
                    indices.addAll(deleteOldDays(type, now));
                }
            } else if (!properties.removed().isZero()) {
                long deleted = deleteOldRemoved(type, now.minus(properties.removed()), changed);
                if (deleted > 0) {
                    removed.put(type.name(), deleted);
                }
            }
        }
        return new Pass(List.copyOf(indices), Map.copyOf(removed), changed[0]);
    }

    /** The series' daily indices whose whole day is older than the age, the newest kept. */
    private List<String> deleteOldDays(DataType type, Instant now) {
        LocalDate firstKept =
                now.minus(properties.metrics()).atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, ?> behindAlias = ElasticsearchErrors.callOrIfNotFound(
                "list the indices of " + type.index(),
                () -> client.indices().getAlias(a -> a.name(type.index())).result(),
                Map.of());
        TreeMap<LocalDate, String> days = new TreeMap<>();
        for (String index : behindAlias.keySet()) {
            type.dayOf(index).ifPresent(day -> days.put(day, index));
        }
        if (days.isEmpty()) {
            return List.of();
        }
        days.remove(days.lastKey());
        List<String> old = List.copyOf(days.headMap(firstKept).values());
        for (String index : old) {
            // Not found: another instance's pass deleted it after this one listed it; gone, as wanted.
            ElasticsearchErrors.callOrIfNotFound(
                    "delete " + index, () -> client.indices().delete(d -> d.index(index)), null);
        }
        return old;
    }

    /** Deletes the type's items removed before {@code cutoff}; counts those that changed since in {@code changed}. */
    private long deleteOldRemoved(DataType type, Instant cutoff, long[] changed) {
        Query old = Query.of(q -> q.bool(b -> b.filter(
                        f -> f.term(t -> t.field(CommonFields.PRESENT).value(false)))
                .filter(f -> f.range(r ->
                        r.untyped(u -> u.field(CommonFields.REMOVED_AT).lt(JsonData.of(Values.formatDate(cutoff))))))));
        String pit = ElasticsearchErrors.call(
                "open a point in time on " + type.index(),
                () -> client.openPointInTime(p -> p.index(type.index())
                                .keepAlive(k -> k.time("2m"))
                                .ignoreUnavailable(true))
                        .id());
        long deleted = 0;
        try {
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> from = after;
                SearchResponse<Void> page = ElasticsearchErrors.call(
                        "find the removed items of " + type.index(),
                        () -> client.search(
                                s -> {
                                    s.pit(p -> p.id(pit).keepAlive(k -> k.time("2m")))
                                            .query(old)
                                            .size(properties.batch())
                                            .source(src -> src.fetch(false))
                                            .seqNoPrimaryTerm(true)
                                            .trackTotalHits(t -> t.enabled(false))
                                            .sort(o -> o.field(
                                                    f -> f.field("_shard_doc").order(SortOrder.Asc)));
                                    return from == null ? s : s.searchAfter(from);
                                },
                                Void.class));
                List<Hit<Void>> hits = page.hits().hits();
                if (hits.isEmpty()) {
                    return deleted;
                }
                deleted += delete(type, hits, changed);
                if (hits.size() < properties.batch()) {
                    return deleted;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            try {
                client.closePointInTime(c -> c.id(pit));
            } catch (IOException | RuntimeException e) {
                // It expires on its own within its keep-alive.
            }
        }
    }

    /** Deletes the hits, each only if it is still the version found; counts the others in {@code changed}. */
    long delete(DataType type, List<Hit<Void>> hits, long[] changed) {
        List<BulkOperation> deletes = new ArrayList<>(hits.size());
        for (Hit<Void> hit : hits) {
            deletes.add(BulkOperation.of(o -> o.delete(d -> {
                d.index(hit.index()).id(hit.id()).ifSeqNo(hit.seqNo()).ifPrimaryTerm(hit.primaryTerm());
                return hit.routing() == null ? d : d.routing(hit.routing());
            })));
        }
        BulkResponse response = ElasticsearchErrors.call(
                "delete removed items of " + type.index(), () -> client.bulk(b -> b.operations(deletes)));
        long deleted = 0;
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null && "deleted".equals(item.result())) {
                deleted++;
            } else if (item.status() == 409 || item.status() == 404) {
                changed[0]++; // came back (updated by its host) or deleted by another instance: left as it is
            } else if (item.error() != null) {
                throw new IllegalStateException(
                        "Deleting removed item " + item.id() + " of " + type.index() + " failed: "
                                + item.error().type() + ": " + item.error().reason());
            }
        }
        return deleted;
    }
}
