package io.agent7.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.agent7.query.bind.Binder;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.elasticsearch.QueryCompiler;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed question's join filters two ways, with the same keys: one {@code terms} filter
 * on the key field written at ingest ({@link SimulatedFleet#JOIN_KEY}), against what the
 * planner would have to send without it, a boolean of (host.id, user.name) pairs grouped
 * by host ({@code should} of {@code bool{term host.id, terms user.name}}). Two steps of the
 * join: the primary side's keys narrowing the related side (the planner's step when the
 * accounts are the smaller side, and the one with many keys), and the keys found there
 * filtering the accounts (the final query). Each filter is counted exactly, so the two forms
 * must agree on the number of documents.
 */
final class JoinFilters {

    /** Buckets per page of the key aggregations. */
    private static final int PAGE = 10_000;

    /**
     * One step measured both ways.
     *
     * @param pairsError why Elasticsearch refused the pairs form, or null
     */
    record Comparison(
            String step,
            int keys,
            int hosts,
            Latencies single,
            long singleHits,
            Latencies pairs,
            long pairsHits,
            String pairsError) {}

    /** One related document's or account's key, in both forms. */
    private record Key(String joined, String host, String user) {}

    private final ElasticsearchClient client;
    private final Schema schema = Schema.standard();
    private final Binder binder = new Binder(schema, Clock.systemUTC());
    private final QueryCompiler compiler = new QueryCompiler();

    JoinFilters(ElasticsearchClient client) {
        this.client = client;
    }

    List<Comparison> measure(int warmup, int runs) throws IOException {
        DataType users = schema.require("local_user");
        List<DataType> related = List.of(schema.require("scheduled_task"), schema.require("startup_item"));
        Query accounts = filter(users, Questions.PLAIN.filter());
        Map<DataType, Query> runsOutside = new LinkedHashMap<>();
        for (DataType type : related) {
            runsOutside.put(type, filter(type, "cmd_line,notlike,C:\\Program Files\\*"));
        }
        List<Comparison> comparisons = new ArrayList<>();

        Set<Key> accountKeys = keys(users, accounts);
        Map<DataType, Query> narrowedSingle = new LinkedHashMap<>();
        Map<DataType, Query> narrowedPairs = new LinkedHashMap<>();
        for (DataType type : related) {
            narrowedSingle.put(type, and(runsOutside.get(type), single(accountKeys)));
            narrowedPairs.put(type, and(runsOutside.get(type), pairs(accountKeys)));
        }
        comparisons.add(compare(
                "the accounts' keys narrow tasks and startup items",
                accountKeys,
                narrowedSingle,
                narrowedPairs,
                warmup,
                runs));

        Set<Key> relatedKeys = new LinkedHashSet<>();
        for (DataType type : related) {
            relatedKeys.addAll(keys(type, narrowedSingle.get(type)));
        }
        comparisons.add(compare(
                "the keys found there filter the accounts",
                relatedKeys,
                Map.of(users, and(accounts, single(relatedKeys))),
                Map.of(users, and(accounts, pairs(relatedKeys))),
                warmup,
                runs));
        return comparisons;
    }

    /** Both forms, taking turns going first, each counted over every type it filters. */
    private Comparison compare(
            String step, Set<Key> keys, Map<DataType, Query> single, Map<DataType, Query> pairs, int warmup, int runs)
            throws IOException {
        List<Long> singleTimes = new ArrayList<>();
        List<Long> pairTimes = new ArrayList<>();
        long singleHits = -1;
        long pairHits = -1;
        String pairsError = null;
        for (int round = 1 - warmup; round <= runs; round++) {
            boolean singleFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean isSingle = (turn == 0) == singleFirst;
                if (!isSingle && pairsError != null) {
                    continue;
                }
                long start = System.nanoTime();
                long hits;
                try {
                    hits = count(isSingle ? single : pairs);
                } catch (ElasticsearchException e) {
                    if (isSingle) {
                        throw e;
                    }
                    pairsError = e.getMessage();
                    continue;
                }
                long took = System.nanoTime() - start;
                if (isSingle) {
                    singleHits = hits;
                    if (round > 0) {
                        singleTimes.add(took);
                    }
                } else {
                    pairHits = hits;
                    if (round > 0) {
                        pairTimes.add(took);
                    }
                }
            }
        }
        int hosts = (int) keys.stream().map(Key::host).distinct().count();
        return new Comparison(
                step,
                keys.size(),
                hosts,
                Latencies.of(singleTimes),
                singleHits,
                pairsError == null ? Latencies.of(pairTimes) : null,
                pairHits,
                pairsError);
    }

    private long count(Map<DataType, Query> filters) throws IOException {
        long hits = 0;
        for (Map.Entry<DataType, Query> filter : filters.entrySet()) {
            hits += client.count(c -> c.index(filter.getKey().index()).query(filter.getValue()))
                    .count();
        }
        return hits;
    }

    private Query filter(DataType type, String dsl) {
        return compiler.compile(binder.bind(FilterDsl.parse(dsl), type, "filter"));
    }

    private static Query and(Query a, Query b) {
        return Query.of(q -> q.bool(x -> x.filter(a, b)));
    }

    private static Query single(Set<Key> keys) {
        List<FieldValue> values =
                keys.stream().map(k -> FieldValue.of(k.joined())).distinct().toList();
        return Query.of(q -> q.terms(t -> t.field(SimulatedFleet.JOIN_KEY).terms(v -> v.value(values))));
    }

    /** The pairs grouped by host: one {@code bool} per host, its names in one {@code terms}. */
    private static Query pairs(Set<Key> keys) {
        Map<String, List<FieldValue>> byHost = new LinkedHashMap<>();
        for (Key key : keys) {
            byHost.computeIfAbsent(key.host(), h -> new ArrayList<>()).add(FieldValue.of(key.user()));
        }
        List<Query> hosts = new ArrayList<>(byHost.size());
        for (Map.Entry<String, List<FieldValue>> host : byHost.entrySet()) {
            Query onHost = Query.of(t -> t.term(x -> x.field("host.id").value(host.getKey())));
            Query names = Query.of(t -> t.terms(x -> x.field("user.name").terms(v -> v.value(host.getValue()))));
            hosts.add(Query.of(q -> q.bool(b -> b.filter(onHost, names))));
        }
        return Query.of(q -> q.bool(b -> b.should(hosts).minimumShouldMatch("1")));
    }

    /** Every key of the matching documents, in both forms, from one composite aggregation. */
    private Set<Key> keys(DataType type, Query query) throws IOException {
        Set<Key> keys = new LinkedHashSet<>();
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> from = after;
            SearchResponse<Void> response = client.search(
                    s -> s.index(type.index())
                            .size(0)
                            .query(query)
                            .aggregations(
                                    "keys",
                                    a -> a.composite(c -> {
                                        c.size(PAGE)
                                                .sources(List.of(
                                                        Map.of("k", source(SimulatedFleet.JOIN_KEY)),
                                                        Map.of("h", source("host.id")),
                                                        Map.of("u", source("user.name"))));
                                        return from == null ? c : c.after(from);
                                    })),
                    Void.class);
            CompositeAggregate composite = response.aggregations().get("keys").composite();
            for (CompositeBucket bucket : composite.buckets().array()) {
                keys.add(new Key(
                        bucket.key().get("k").stringValue(),
                        bucket.key().get("h").stringValue(),
                        bucket.key().get("u").stringValue()));
            }
            if (composite.buckets().array().size() < PAGE || composite.afterKey() == null) {
                return keys;
            }
            after = composite.afterKey();
        }
    }

    private static CompositeAggregationSource source(String field) {
        return CompositeAggregationSource.of(s -> s.terms(t -> t.field(field)));
    }
}
