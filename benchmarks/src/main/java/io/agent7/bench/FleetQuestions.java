package io.agent7.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.elasticsearch.ElasticsearchQueries;
import io.agent7.query.plan.JoinPlanner;
import io.agent7.query.plan.Plan;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the fleet the {@link Questions}, each {@code runs} times after {@code warmup}, as the
 * query API would: the DSL text through parsing, binding, the join planner's searches and
 * compiling ({@link ElasticsearchQueries}), then the search itself. Rounds ask every question
 * once in turn, so the machine's drift over the minutes of a run spreads over all of them.
 */
final class FleetQuestions {

    /** Hits per page of the export: the most one search returns by default. */
    private static final int EXPORT_PAGE = 10_000;

    /** Buckets per page of the grouping's composite aggregation. */
    private static final int GROUP_PAGE = 10_000;

    /** How one question went: its durations and the size of its answer, or why it could not run. */
    record Answer(Questions.Question question, Latencies latencies, long hits, String plan, String notRun) {}

    private final ElasticsearchClient client;
    private final Schema schema = Schema.standard();
    private final ElasticsearchQueries queries;

    FleetQuestions(ElasticsearchClient client) {
        this.client = client;
        this.queries = new ElasticsearchQueries(client, schema, Clock.systemUTC(), JoinPlanner.DEFAULT_KEY_CAP);
    }

    List<Answer> ask(int warmup, int runs) throws IOException {
        Map<Questions.Question, List<Long>> durations = new LinkedHashMap<>();
        Map<Questions.Question, Long> hits = new LinkedHashMap<>();
        Map<Questions.Question, String> plans = new LinkedHashMap<>();
        Map<Questions.Question, String> notRun = new LinkedHashMap<>();
        for (Questions.Question q : Questions.ALL) {
            durations.put(q, new ArrayList<>());
        }
        for (int round = 1 - warmup; round <= runs; round++) {
            for (Questions.Question q : Questions.ALL) {
                if (notRun.containsKey(q)) {
                    continue;
                }
                long start = System.nanoTime();
                Result result;
                try {
                    result = answer(q);
                } catch (IllegalStateException e) {
                    // The planner cannot join these types on this build (JoinKeys): say so, never a zero.
                    notRun.put(q, e.getMessage());
                    continue;
                }
                long took = System.nanoTime() - start;
                if (round > 0) {
                    durations.get(q).add(took);
                }
                Long before = hits.put(q, result.hits());
                if (before != null && before != result.hits()) {
                    throw new IllegalStateException(
                            q.name() + " answered " + before + " and then " + result.hits() + " on the same data");
                }
                plans.putIfAbsent(q, result.plan());
            }
        }
        List<Answer> answers = new ArrayList<>();
        for (Questions.Question q : Questions.ALL) {
            answers.add(
                    notRun.containsKey(q)
                            ? new Answer(q, null, -1, null, notRun.get(q))
                            : new Answer(q, Latencies.of(durations.get(q)), hits.get(q), plans.get(q), null));
        }
        return answers;
    }

    private record Result(long hits, String plan) {}

    private Result answer(Questions.Question q) throws IOException {
        DataType type = schema.require(q.type());
        ElasticsearchQueries.Compiled compiled = queries.compile(FilterDsl.parse(q.filter()), type, "filter");
        return switch (q.kind()) {
            case SEARCH -> new Result(search(type, compiled.query()), describe(compiled.plan()));
            case GROUPBY -> new Result(groups(type, compiled.query()), null);
            case EXPORT -> new Result(export(type, compiled.query()), null);
        };
    }

    /** One page of hits with their sources, and the exact total, as the API answers. */
    @SuppressWarnings("rawtypes")
    private long search(DataType type, Query query) throws IOException {
        SearchResponse<Map> response = client.search(
                s -> s.index(type.index()).query(query).size(Questions.PAGE).trackTotalHits(t -> t.enabled(true)),
                Map.class);
        return response.hits().total().value();
    }

    /** Every group of {@link Questions#GROUP_FIELD}, page by page; the number of groups. */
    private long groups(DataType type, Query query) throws IOException {
        long groups = 0;
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> from = after;
            SearchResponse<Void> response = client.search(
                    s -> s.index(type.index())
                            .size(0)
                            .query(query)
                            .aggregations(
                                    "groups",
                                    a -> a.composite(c -> {
                                        c.size(GROUP_PAGE)
                                                .sources(Map.of(
                                                        "name",
                                                        CompositeAggregationSource.of(src ->
                                                                src.terms(t -> t.field(Questions.GROUP_FIELD)))));
                                        return from == null ? c : c.after(from);
                                    })),
                    Void.class);
            CompositeAggregate composite = response.aggregations().get("groups").composite();
            groups += composite.buckets().array().size();
            if (composite.buckets().array().size() < GROUP_PAGE || composite.afterKey() == null) {
                return groups;
            }
            after = composite.afterKey();
        }
    }

    /**
     * Up to {@link Questions#EXPORT_ROWS} rows as CSV, written to a stream that discards them:
     * a point in time and {@code search_after} pages in index order, as a streaming export
     * reads. The read the search-ui API's {@code format=csv} does, without its HTTP streaming.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private long export(DataType type, Query query) throws IOException {
        String pit = client.openPointInTime(p -> p.index(type.index()).keepAlive(k -> k.time("1m")))
                .id();
        long rows = 0;
        try (Writer csv = new BufferedWriter(
                new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            csv.write(String.join(",", Questions.EXPORT_COLUMNS));
            csv.write('\n');
            List<FieldValue> after = null;
            while (rows < Questions.EXPORT_ROWS) {
                List<FieldValue> from = after;
                int size = (int) Math.min(EXPORT_PAGE, Questions.EXPORT_ROWS - rows);
                SearchResponse<Map> page = client.search(
                        s -> {
                            s.pit(p -> p.id(pit).keepAlive(k -> k.time("1m")))
                                    .query(query)
                                    .size(size)
                                    .trackTotalHits(t -> t.enabled(false))
                                    .sort(o ->
                                            o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)))
                                    .source(src -> src.filter(f -> f.includes(Questions.EXPORT_COLUMNS)));
                            return from == null ? s : s.searchAfter(from);
                        },
                        Map.class);
                List<Hit<Map>> hits = page.hits().hits();
                for (Hit<Map> hit : hits) {
                    writeRow(csv, hit.source());
                    rows++;
                }
                if (hits.size() < size) {
                    break;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            client.closePointInTime(c -> c.id(pit));
        }
        return rows;
    }

    private static void writeRow(Writer csv, Map<String, Object> source) throws IOException {
        for (int i = 0; i < Questions.EXPORT_COLUMNS.size(); i++) {
            if (i > 0) {
                csv.write(',');
            }
            Object value = valueAt(source, Questions.EXPORT_COLUMNS.get(i));
            csv.write(value == null ? "" : quoted(value.toString()));
        }
        csv.write('\n');
    }

    @SuppressWarnings("unchecked")
    private static Object valueAt(Map<String, Object> source, String path) {
        Object node = source;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<String, Object>) node).get(part);
        }
        return node;
    }

    /** RFC 4180: a value with a comma, a quote or a line break is quoted, its quotes doubled. */
    private static String quoted(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The planner's steps, one short line: what it counted and fetched, and why. */
    private static String describe(Plan plan) {
        if (plan.steps().isEmpty()) {
            return null;
        }
        List<String> steps = new ArrayList<>();
        for (Plan.Step step : plan.steps()) {
            steps.add(step.action() + " " + step.type() + " = " + step.result()
                    + (step.note() == null || step.note().isEmpty() ? "" : " (" + step.note() + ")"));
        }
        return String.join("; ", steps);
    }
}
