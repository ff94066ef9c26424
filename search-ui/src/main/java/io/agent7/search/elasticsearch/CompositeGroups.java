package io.agent7.search.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.agent7.schema.DataType;
import io.agent7.schema.FieldType;
import io.agent7.schema.Values;
import io.agent7.search.api.SearchBackend.Group;
import io.agent7.search.api.SearchBackend.GroupRequest;
import io.agent7.search.api.SearchBackend.Groups;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per distinct combination of values, with a composite aggregation: it walks every
 * combination in key order, a page at a time, however many there are (a {@code terms}
 * aggregation would give only the largest and approximate counts). Each page asks for one
 * group more than it answers, so that the last page is known as such and no cursor leads to
 * an empty page.
 */
final class CompositeGroups {

    private static final String GROUPS = "groups";

    private final ElasticsearchClient client;

    CompositeGroups(ElasticsearchClient client) {
        this.client = client;
    }

    /** @param cursor null for the first page */
    Groups page(GroupRequest request, Query query, Instant now, CursorTokens.Groups cursor) {
        String index = request.type().index();
        String fingerprint = CursorTokens.fingerprint(
                index, query, "groups " + request.fields() + " missing " + request.missingValues());
        if (cursor != null && !cursor.query().equals(fingerprint)) {
            throw CursorTokens.otherQuery();
        }
        List<Map<String, CompositeAggregationSource>> sources = request.fields().stream()
                .map(field -> Map.of(
                        field,
                        CompositeAggregationSource.of(
                                s -> s.terms(t -> t.field(field).missingBucket(request.missingValues())))))
                .toList();
        SearchResponse<Void> response;
        try {
            response = Searches.call(
                    index,
                    "Grouping " + index,
                    () -> client.search(
                            s -> s.index(index)
                                    .query(query)
                                    .size(0)
                                    .trackTotalHits(t -> t.enabled(true))
                                    .aggregations(
                                            GROUPS,
                                            a -> a.composite(c -> {
                                                c.size(request.size() + 1).sources(sources);
                                                if (cursor != null) {
                                                    c.after(cursor.after());
                                                }
                                                return c;
                                            })),
                            Void.class));
        } catch (ElasticsearchException e) {
            if (cursor != null && e.status() == 400) {
                RuntimeException damaged = CursorTokens.damaged(e.error().reason());
                damaged.initCause(e);
                throw damaged;
            }
            throw e;
        }
        CompositeAggregate aggregate = response.aggregations().get(GROUPS).composite();
        List<CompositeBucket> buckets = aggregate.buckets().array();
        boolean more = buckets.size() > request.size();
        List<CompositeBucket> page = more ? buckets.subList(0, request.size()) : buckets;
        List<Group> groups = page.stream()
                .map(b -> new Group(key(request.type(), request.fields(), b.key()), b.docCount()))
                .toList();
        String next = more
                ? CursorTokens.encode(new CursorTokens.Groups(
                        fingerprint, now, page.get(page.size() - 1).key()))
                : null;
        return new Groups(Searches.total(response), groups, next);
    }

    /** A bucket's key in the fields' order, dates as the documents write them and booleans as booleans. */
    private static Map<String, Object> key(DataType type, List<String> fields, Map<String, FieldValue> key) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : fields) {
            FieldValue value = key.getOrDefault(field, FieldValue.NULL);
            FieldType fieldType =
                    type.field(field) == null ? null : type.field(field).type();
            values.put(field, plain(value, fieldType));
        }
        return values;
    }

    private static Object plain(FieldValue value, FieldType fieldType) {
        if (value.isLong() && fieldType == FieldType.DATE) {
            return Values.formatDate(Instant.ofEpochMilli(value.longValue()));
        }
        if (value.isLong() && fieldType == FieldType.BOOLEAN) {
            return value.longValue() != 0;
        }
        return value.isNull() ? null : value._get();
    }
}
