package io.agent7.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonpUtils;
import io.agent7.query.bind.Bound;
import io.agent7.query.plan.SearchPort;
import io.agent7.schema.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link SearchPort} on the Elasticsearch client: counts with {@code _count}, join keys with
 * a composite aggregation paged by its after-key. A type whose index does not exist yet has
 * no documents.
 */
public final class ElasticsearchSearchPort implements SearchPort {

    /** Buckets per composite page: below Elasticsearch's default search.max_buckets. */
    private static final int PAGE = 10_000;

    private final ElasticsearchClient client;
    private final Function<DataType, String> indexOf;
    private final QueryCompiler compiler = new QueryCompiler();

    /**
     * @param indexOf the index that holds a type's documents: {@link DataType#index()}, or
     *     another name in tests
     */
    public ElasticsearchSearchPort(ElasticsearchClient client, Function<DataType, String> indexOf) {
        this.client = client;
        this.indexOf = indexOf;
    }

    @Override
    public long count(DataType type, Bound filter) {
        Query query = compiler.compile(filter);
        try {
            return client.count(c -> c.index(indexOf.apply(type))
                            .query(query)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException("Counting " + indexOf.apply(type), e);
        }
    }

    @Override
    public Keys keys(DataType type, Bound filter, String field, int limit) {
        Query query = compiler.compile(filter);
        List<Object> values = new ArrayList<>();
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> from = after;
            int size = Math.min(PAGE, limit + 1 - values.size());
            SearchResponse<Void> response;
            try {
                response = client.search(
                        s -> s.index(indexOf.apply(type))
                                .ignoreUnavailable(true)
                                .allowNoIndices(true)
                                .size(0)
                                .trackTotalHits(t -> t.enabled(false))
                                .query(query)
                                .aggregations(
                                        "keys",
                                        a -> a.composite(c -> {
                                            c.size(size)
                                                    .sources(Map.of(
                                                            "k",
                                                            CompositeAggregationSource.of(
                                                                    src -> src.terms(t -> t.field(field)))));
                                            if (from != null) {
                                                c.after(from);
                                            }
                                            return c;
                                        })),
                        Void.class);
            } catch (IOException e) {
                throw new UncheckedIOException("Fetching join keys from " + indexOf.apply(type), e);
            }
            if (response.aggregations() == null || !response.aggregations().containsKey("keys")) {
                return new Keys(values, false);
            }
            CompositeAggregate composite = response.aggregations().get("keys").composite();
            for (CompositeBucket bucket : composite.buckets().array()) {
                values.add(bucket.key().get("k")._get());
            }
            if (values.size() > limit) {
                return new Keys(values.subList(0, limit), true);
            }
            if (composite.buckets().array().size() < size || composite.afterKey() == null) {
                return new Keys(values, false);
            }
            after = composite.afterKey();
        }
    }

    @Override
    public String describe(Bound filter) {
        return JsonpUtils.toJsonString(compiler.compile(filter), client._jsonpMapper());
    }
}
