package io.agent7.search.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.agent7.query.Expr;
import io.agent7.query.elasticsearch.ElasticsearchQueries;
import io.agent7.query.plan.JoinPlanner;
import io.agent7.query.plan.Plan;
import io.agent7.query.request.QueryOptions;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.search.api.SearchBackend;
import io.agent7.search.api.SearchProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SearchBackend} on the Elasticsearch client: compiles the filter to a {@code bool}
 * query and runs it on the type's index, as a page by offset, a page of a cursor or an export
 * ({@link PointInTimePages}), a count, or groups ({@link CompositeGroups}). A missing index is
 * an error, never an empty answer.
 */
@Component
class ElasticsearchSearchBackend implements SearchBackend {

    private static final String FILTER = "filter";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ElasticsearchClient client;
    private final Schema schema;
    private final Clock clock;
    private final PointInTimePages pages;
    private final CompositeGroups groups;

    ElasticsearchSearchBackend(ElasticsearchClient client, Schema schema, Clock clock, SearchProperties properties) {
        this.client = client;
        this.schema = schema;
        this.clock = clock;
        this.pages = new PointInTimePages(client, properties.cursorKeepAlive());
        this.groups = new CompositeGroups(client);
    }

    @Override
    public Page search(Request request) {
        if (request.cursor() == null) {
            return offsetPage(request);
        }
        if (request.cursor().equals(QueryOptions.CURSOR_START)) {
            Instant now = now();
            return pages.first(request, query(request.type(), request.filter(), now), now);
        }
        CursorTokens.Hits cursor = CursorTokens.hits(request.cursor());
        return pages.next(request, query(request.type(), request.filter(), cursor.now()), cursor);
    }

    @Override
    public Total count(DataType type, Expr filter) {
        String index = type.index();
        Query query = query(type, filter, now());
        long count = Searches.call(
                        index,
                        "Counting " + index,
                        () -> client.count(c -> c.index(index).query(query)))
                .count();
        return new Total(count, true);
    }

    @Override
    public Groups group(GroupRequest request) {
        CursorTokens.Groups cursor =
                request.cursor() == null || request.cursor().equals(QueryOptions.CURSOR_START)
                        ? null
                        : CursorTokens.groups(request.cursor());
        Instant now = cursor == null ? now() : cursor.now();
        return groups.page(request, query(request.type(), request.filter(), now), now, cursor);
    }

    @Override
    public void export(Request request, HitSink sink) throws IOException {
        pages.export(request, query(request.type(), request.filter(), now()), sink);
    }

    @Override
    public Set<String> fieldsWithValues(DataType type) {
        String index = type.index();
        return Searches.call(
                        index,
                        "Reading the fields of " + index,
                        () -> client.fieldCaps(f -> f.index(index).fields("*").includeEmptyFields(false)))
                .fields()
                .keySet();
    }

    @SuppressWarnings("rawtypes")
    private Page offsetPage(Request request) {
        String index = request.type().index();
        Query query = query(request.type(), request.filter(), now());
        SearchResponse<Map> response = Searches.call(
                index,
                "Searching " + index,
                () -> client.search(
                        s -> {
                            s.index(index)
                                    .query(query)
                                    .from(request.from())
                                    .size(request.size())
                                    .sort(Searches.sort(request.sort()))
                                    .trackTotalHits(t -> t.enabled(true));
                            Searches.source(s, request.fields());
                            return s;
                        },
                        Map.class));
        return new Page(Searches.total(response), request.from(), Searches.hits(response), null);
    }

    @Override
    public Map<String, Object> explain(DataType type, Expr filter) {
        ElasticsearchQueries queries = queries(now());
        ElasticsearchQueries.Compiled compiled = queries.compile(filter, type, FILTER);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Plan.Step step : compiled.plan().steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("action", step.action());
            s.put("type", step.type());
            s.put("query", json(step.query()));
            s.put("result", step.result());
            s.put("micros", step.micros());
            s.put("note", step.note());
            steps.add(s);
        }
        Map<String, Object> explanation = new LinkedHashMap<>();
        explanation.put("steps", steps);
        explanation.put("query", json(queries.json(compiled.query())));
        return explanation;
    }

    private static Object json(String text) {
        return JSON.readValue(text, Object.class);
    }

    /**
     * The one place a filter becomes an Elasticsearch query: bound to the schema, its joins
     * planned (which runs their counts and key searches), compiled. Relative times ("2 hours
     * ago") are read at {@code now}: the first page's instant for every page of a cursor, so
     * that all its pages select from the same documents.
     */
    private Query query(DataType type, Expr filter, Instant now) {
        return queries(now).compile(filter, type, FILTER).query();
    }

    private ElasticsearchQueries queries(Instant now) {
        return new ElasticsearchQueries(client, schema, Clock.fixed(now, ZoneOffset.UTC), JoinPlanner.DEFAULT_KEY_CAP);
    }

    /** Milliseconds, as a cursor keeps it. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
