package io.agent7.search.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.agent7.query.Expr;
import io.agent7.query.QueryCompiler;
import io.agent7.query.request.QueryOptions;
import io.agent7.schema.DataType;
import io.agent7.search.api.SearchBackend;
import io.agent7.search.api.SearchProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@link SearchBackend} on the Elasticsearch client: compiles the filter to a {@code bool}
 * query and runs it on the type's index, as a page by offset, a page of a cursor or an export
 * ({@link PointInTimePages}), a count, or groups ({@link CompositeGroups}). A missing index is
 * an error, never an empty answer.
 */
@Component
class ElasticsearchSearchBackend implements SearchBackend {

    private final ElasticsearchClient client;
    private final Clock clock;
    private final PointInTimePages pages;
    private final CompositeGroups groups;

    ElasticsearchSearchBackend(ElasticsearchClient client, Clock clock, SearchProperties properties) {
        this.client = client;
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

    /**
     * The one place a filter becomes an Elasticsearch query. Relative times ("2 hours ago") are
     * read at {@code now}: the first page's instant for every page of a cursor, so that all its
     * pages select from the same documents.
     */
    private static Query query(DataType type, Expr filter, Instant now) {
        return new QueryCompiler(Clock.fixed(now, ZoneOffset.UTC)).compile(filter, type);
    }

    /** Milliseconds, as a cursor keeps it. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
