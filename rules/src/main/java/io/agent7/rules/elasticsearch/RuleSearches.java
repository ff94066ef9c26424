package io.agent7.rules.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.agent7.query.elasticsearch.ElasticsearchQueries;
import io.agent7.query.plan.JoinPlanner;
import io.agent7.rules.AlertIds;
import io.agent7.rules.Finding;
import io.agent7.rules.Rule;
import io.agent7.rules.RuleValidator;
import io.agent7.rules.Window;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule finds over a window, by its type, as {@link Finding}s; writes nothing (the
 * preview endpoint and the engine both use it; {@link AlertWriter} writes). Every search is
 * over {@code event.ingested}, the server's clock at an item's first write, so an item that
 * reached the index late is still in the window that covers its arrival.
 */
public final class RuleSearches {

    private static final String INGESTED = CommonFields.INGESTED;
    private static final int PAGE = 500;

    private final ElasticsearchClient client;
    private final Schema schema;

    public RuleSearches(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.schema = schema;
    }

    /** What the findings of one run came to. */
    public record Result(List<Finding> findings, long hits, boolean truncated) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    /**
     * Runs {@code rule} over {@code window}, at most {@link Rule#maxAlerts()} findings.
     *
     * @param now the run's clock: relative times in the query ("90 days ago") are from it
     * @throws io.agent7.query.QueryException the query no longer fits the schema
     * @throws UncheckedIOException Elasticsearch failed
     */
    public Result find(Rule rule, Window window, Instant now) {
        try {
            return switch (rule.type()) {
                case QUERY -> rule.suppression() == null ? matches(rule, window, now) : suppressed(rule, window, now);
                case THRESHOLD -> threshold(rule, window, now);
                case NEW_TERMS -> newTerms(rule, window, now);
                case ABSENCE -> absence(rule, window, now);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Rule " + rule.id() + ": " + e.getMessage(), e);
        }
    }

    /** Items first ingested in the window that match: one finding each. */
    private Result matches(Rule rule, Window window, Instant now) throws IOException {
        List<Finding> findings = new ArrayList<>();
        long hits = 0;
        boolean truncated = false;
        for (String typeName : rule.query().types()) {
            DataType type = schema.require(typeName);
            int room = rule.maxAlerts() - findings.size();
            if (room <= 0) {
                truncated = true;
                break;
            }
            Query query = inWindow(compile(rule, type, now), window.start(), window.end());
            SearchResponse<Map> response = client.search(
                    s -> s.index(type.index())
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .query(query)
                            .size(room)
                            .trackTotalHits(t -> t.enabled(true))
                            .sort(o -> o.field(f -> f.field(INGESTED).order(SortOrder.Asc))),
                    Map.class);
            long total = response.hits().total() == null
                    ? 0
                    : response.hits().total().value();
            hits += total;
            truncated |= total > room;
            for (Hit<Map> hit : response.hits().hits()) {
                Map<String, Object> source = source(hit.source());
                Instant at = instant(Sources.get(source, INGESTED));
                findings.add(new Finding(
                        AlertIds.of(rule.id(), rule.version(), type.name(), hit.id()),
                        type.name(),
                        hit.id(),
                        source,
                        List.of(),
                        List.of(),
                        1,
                        at,
                        at,
                        Reasons.match(rule, type, source),
                        false));
            }
        }
        return new Result(findings, hits, truncated);
    }

    /**
     * A query rule with suppression: matches with the same grouping values in one suppression
     * window (aligned to the epoch, so every run and every instance cuts the same windows) make
     * one alert. Its count is recounted from the index each time, over the whole suppression
     * window, and written over the alert's: idempotent, so an overlapping window or a retry
     * never counts an item twice.
     */
    private Result suppressed(Rule rule, Window window, Instant now) throws IOException {
        Rule.Suppression suppression = rule.suppression();
        long size = suppression.window().toMillis();
        Instant from = Instant.ofEpochMilli(Math.floorDiv(window.start().toEpochMilli(), size) * size);
        List<Finding> findings = new ArrayList<>();
        long hits = 0;
        boolean truncated = false;
        for (String typeName : rule.query().types()) {
            DataType type = schema.require(typeName);
            Query query = inWindow(compile(rule, type, now), from, window.end());
            Map<String, CompositeAggregationSource> sources = groupSources(suppression.groupBy(), true);
            sources.put(
                    "window",
                    CompositeAggregationSource.of(c ->
                            c.dateHistogram(d -> d.field(INGESTED).fixedInterval(Time.of(t -> t.time(size + "ms"))))));
            for (CompositeBucket bucket : buckets(type, query, sources, firstAndLast(), rule.maxAlerts() + 1)) {
                Instant last = instant(bucket.aggregations().get("last").max().valueAsString());
                if (last == null || last.isBefore(window.start())) {
                    continue; // nothing new in this run's window: earlier runs wrote its count
                }
                hits += bucket.docCount();
                if (findings.size() == rule.maxAlerts()) {
                    truncated = true;
                    break;
                }
                Hit<JsonData> first = bucket.aggregations()
                        .get("first")
                        .topHits()
                        .hits()
                        .hits()
                        .get(0);
                Map<String, Object> source = source(first.source().to(Map.class));
                List<Object> values = values(bucket, suppression.groupBy());
                long windowStart = bucket.key().get("window").longValue();
                findings.add(new Finding(
                        AlertIds.of(rule.id(), rule.version(), "suppressed", type.name(), values, windowStart),
                        type.name(),
                        first.id(),
                        source,
                        suppression.groupBy(),
                        values,
                        bucket.docCount(),
                        instant(Sources.get(source, INGESTED)),
                        last,
                        Reasons.suppressed(rule, type, source, bucket.docCount()),
                        true));
            }
        }
        return new Result(findings, hits, truncated);
    }

    /**
     * Groups of matching items ingested in the window whose count reaches the threshold. The
     * alert is about the group and the window's start: a retry of the same run (same start)
     * writes the same alert; the next run's window is another.
     */
    private Result threshold(Rule rule, Window window, Instant now) throws IOException {
        DataType type = schema.require(rule.query().types().get(0));
        Query query = inWindow(compile(rule, type, now), window.start(), window.end());
        Rule.Threshold threshold = rule.threshold();
        List<Finding> findings = new ArrayList<>();
        long hits = 0;
        boolean truncated = false;
        Map<String, CompositeAggregationSource> sources = groupSources(threshold.groupBy(), true);
        if (sources.isEmpty()) {
            sources.put("all", CompositeAggregationSource.of(c -> c.terms(t -> t.field(CommonFields.TYPE))));
        }
        for (CompositeBucket bucket : buckets(type, query, sources, firstAndLast(), Integer.MAX_VALUE)) {
            if (bucket.docCount() < threshold.count()) {
                continue;
            }
            hits++;
            if (findings.size() == rule.maxAlerts()) {
                truncated = true;
                break;
            }
            Hit<JsonData> first =
                    bucket.aggregations().get("first").topHits().hits().hits().get(0);
            Map<String, Object> source = source(first.source().to(Map.class));
            List<Object> values = values(bucket, threshold.groupBy());
            findings.add(new Finding(
                    AlertIds.of(rule.id(), rule.version(), "threshold", values, window.start()),
                    type.name(),
                    first.id(),
                    source,
                    threshold.groupBy(),
                    values,
                    bucket.docCount(),
                    instant(Sources.get(source, INGESTED)),
                    instant(bucket.aggregations().get("last").max().valueAsString()),
                    Reasons.threshold(rule, type, threshold, values, bucket.docCount()),
                    true));
        }
        return new Result(findings, hits, truncated);
    }

    /**
     * Values (tuples) of the rule's fields among items ingested in the window that no matching
     * item ingested in the history before the window had. Two steps: the window's tuples, then
     * which of them the history holds. The alert is about the tuple and when it first arrived,
     * so a later window that overlaps this one finds the same first arrival and the same id.
     */
    private Result newTerms(Rule rule, Window window, Instant now) throws IOException {
        DataType type = schema.require(rule.query().types().get(0));
        Query matching = compile(rule, type, now);
        List<String> fields = rule.newTerms().fields();
        List<CompositeBucket> candidates = buckets(
                type,
                inWindow(matching, window.start(), window.end()),
                groupSources(fields, false),
                firstAndLast(),
                Integer.MAX_VALUE);
        Instant historyStart = window.start().minus(rule.newTerms().history());
        List<Finding> findings = new ArrayList<>();
        boolean truncated = false;
        long hits = 0;
        for (int from = 0; from < candidates.size(); from += PAGE) {
            List<CompositeBucket> batch = candidates.subList(from, Math.min(candidates.size(), from + PAGE));
            List<Query> tuples = new ArrayList<>();
            for (CompositeBucket bucket : batch) {
                List<Query> terms = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    String field = fields.get(i);
                    FieldValue value = bucket.key().get("f" + i);
                    terms.add(Query.of(q -> q.term(t -> t.field(field).value(value))));
                }
                tuples.add(Query.of(q -> q.bool(b -> b.filter(terms))));
            }
            Query known = Query.of(q -> q.bool(b -> b.filter(inWindow(matching, historyStart, window.start()))
                    .should(tuples)
                    .minimumShouldMatch("1")));
            List<List<Object>> seen = new ArrayList<>();
            for (CompositeBucket bucket : buckets(type, known, groupSources(fields, false), Map.of(), batch.size())) {
                seen.add(values(bucket, fields));
            }
            for (CompositeBucket bucket : batch) {
                List<Object> values = values(bucket, fields);
                if (seen.contains(values)) {
                    continue;
                }
                hits++;
                if (findings.size() == rule.maxAlerts()) {
                    truncated = true;
                    break;
                }
                Hit<JsonData> first = bucket.aggregations()
                        .get("first")
                        .topHits()
                        .hits()
                        .hits()
                        .get(0);
                Map<String, Object> source = source(first.source().to(Map.class));
                Instant firstAt = instant(Sources.get(source, INGESTED));
                findings.add(new Finding(
                        AlertIds.of(rule.id(), rule.version(), "new_terms", values, firstAt),
                        type.name(),
                        first.id(),
                        source,
                        fields,
                        values,
                        bucket.docCount(),
                        firstAt,
                        instant(bucket.aggregations().get("last").max().valueAsString()),
                        Reasons.newTerms(
                                rule, type, fields, values, rule.newTerms().history()),
                        false));
            }
        }
        return new Result(findings, hits, truncated);
    }

    /**
     * Hosts that crossed into silence in the window: their last check-in plus {@code silent_for}
     * falls in it. Windowed like every other type, so each silence is found by the run whose
     * window (or overlap) covers the moment it began, however many hosts have been silent for
     * longer; a host silent before the rule existed is not reported. One alert per silence: the
     * id holds the last check-in, so a host that came back and fell silent again alerts again.
     */
    private Result absence(Rule rule, Window window, Instant now) throws IOException {
        DataType host = schema.require("host");
        String lastCheckin = "host_state.last_checkin";
        Instant from = window.start().minus(rule.absence().silentFor());
        Instant cutoff = window.end().minus(rule.absence().silentFor());
        Query silent = Query.of(q -> q.range(r -> r.untyped(u -> u.field(lastCheckin)
                .gte(JsonData.of(Values.formatDate(from)))
                .lt(JsonData.of(Values.formatDate(cutoff))))));
        Query query = rule.query() == null || rule.query().text().isBlank()
                ? silent
                : Query.of(q -> q.bool(b -> b.filter(compile(rule, host, now)).filter(silent)));
        int size = rule.maxAlerts();
        SearchResponse<Map> response = client.search(
                s -> s.index(host.index())
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .query(query)
                        .size(size)
                        .trackTotalHits(t -> t.enabled(true))
                        .sort(o -> o.field(f -> f.field(lastCheckin).order(SortOrder.Asc))),
                Map.class);
        List<Finding> findings = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<String, Object> source = source(hit.source());
            Object last = Sources.get(source, lastCheckin);
            findings.add(new Finding(
                    AlertIds.of(rule.id(), rule.version(), "absence", hit.id(), last),
                    host.name(),
                    hit.id(),
                    source,
                    List.of(CommonFields.HOST_ID),
                    List.of(String.valueOf(Sources.get(source, CommonFields.HOST_ID))),
                    1,
                    instant(last),
                    instant(last),
                    Reasons.absence(rule, source, last),
                    false));
        }
        long total = response.hits().total() == null
                ? findings.size()
                : response.hits().total().value();
        return new Result(findings, total, total > size);
    }

    private Query compile(Rule rule, DataType type, Instant now) {
        ElasticsearchQueries queries =
                new ElasticsearchQueries(client, schema, Clock.fixed(now, ZoneOffset.UTC), JoinPlanner.DEFAULT_KEY_CAP);
        return queries.compile(RuleValidator.parse(rule.query()), type, "query.text")
                .query();
    }

    private static Query inWindow(Query query, Instant start, Instant end) {
        Query range = Query.of(q -> q.range(r -> r.untyped(
                u -> u.field(INGESTED).gte(JsonData.of(start.toString())).lt(JsonData.of(end.toString())))));
        return Query.of(q -> q.bool(b -> b.filter(query).filter(range)));
    }

    private static Map<String, CompositeAggregationSource> groupSources(List<String> fields, boolean missing) {
        Map<String, CompositeAggregationSource> sources = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            sources.put(
                    "f" + i,
                    CompositeAggregationSource.of(
                            c -> c.terms(t -> t.field(field).missingBucket(missing))));
        }
        return sources;
    }

    private static Map<String, Aggregation> firstAndLast() {
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put(
                "first",
                Aggregation.of(a -> a.topHits(t ->
                        t.size(1).sort(o -> o.field(f -> f.field(INGESTED).order(SortOrder.Asc))))));
        aggs.put("last", Aggregation.of(a -> a.max(m -> m.field(INGESTED))));
        return aggs;
    }

    /** Every bucket of a composite aggregation, page by page, up to {@code limit}. */
    private List<CompositeBucket> buckets(
            DataType type,
            Query query,
            Map<String, CompositeAggregationSource> sources,
            Map<String, Aggregation> subs,
            int limit)
            throws IOException {
        List<CompositeBucket> all = new ArrayList<>();
        Map<String, FieldValue> after = null;
        while (all.size() < limit) {
            Map<String, FieldValue> from = after;
            int size = (int) Math.min(PAGE, (long) limit - all.size());
            SearchResponse<Void> response = client.search(
                    s -> s.index(type.index())
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(0)
                            .trackTotalHits(t -> t.enabled(false))
                            .query(query)
                            .aggregations("groups", a -> {
                                a.composite(c -> {
                                    // One single-key object per source, in order: how Elasticsearch reads them.
                                    List<Map<String, CompositeAggregationSource>> ordered = new ArrayList<>();
                                    sources.forEach((name, source) -> ordered.add(Map.of(name, source)));
                                    c.size(size).sources(ordered);
                                    if (from != null) {
                                        c.after(from);
                                    }
                                    return c;
                                });
                                if (!subs.isEmpty()) {
                                    a.aggregations(subs);
                                }
                                return a;
                            }),
                    Void.class);
            Aggregate groups = response.aggregations() == null
                    ? null
                    : response.aggregations().get("groups");
            if (groups == null) {
                break;
            }
            CompositeAggregate composite = groups.composite();
            all.addAll(composite.buckets().array());
            if (composite.buckets().array().size() < size
                    || composite.afterKey() == null
                    || composite.afterKey().isEmpty()) {
                break;
            }
            after = composite.afterKey();
        }
        return all;
    }

    private static List<Object> values(CompositeBucket bucket, List<String> fields) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldValue value = bucket.key().get("f" + i);
            values.add(value == null || value.isNull() ? null : value._get());
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(Map<?, ?> source) {
        return source == null ? Map.of() : (Map<String, Object>) source;
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
