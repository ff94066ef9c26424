package io.agent7.search.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.agent7.search.api.SearchBackend.Hit;
import io.agent7.search.api.SearchBackend.HitSink;
import io.agent7.search.api.SearchBackend.Page;
import io.agent7.search.api.SearchBackend.Request;
import io.agent7.search.api.SearchBackend.Total;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages of documents from a point in time, each after the last document of the page before
 * ({@code search_after}): the cursor pages of the API and its exports.
 *
 * <p>A point in time is a frozen view of the index: documents written or deleted while a
 * client pages do not shift the pages, so each document is seen exactly once. Ties in the
 * requested order are broken by {@code _shard_doc}, the document's place in that view, which
 * no two documents share; without it, documents with equal sort values at a page's edge would
 * be skipped or repeated. Every page renews the point in time for the keep-alive; the last one
 * closes it, and one a client abandons expires after the keep-alive.
 */
final class PointInTimePages {

    /**
     * Documents an export reads per page, and so the most it holds at once: at a few KB a
     * document, a few MB, and few enough requests that a million documents take a thousand.
     */
    static final int EXPORT_PAGE = 1_000;

    private static final Logger log = LoggerFactory.getLogger(PointInTimePages.class);
    private static final SortOptions TIEBREAKER =
            SortOptions.of(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)));

    private final ElasticsearchClient client;
    private final Duration keepAlive;
    private final Time keepAliveTime;

    PointInTimePages(ElasticsearchClient client, Duration keepAlive) {
        this.client = client;
        this.keepAlive = keepAlive;
        this.keepAliveTime = Time.of(t -> t.time(keepAlive.toMillis() + "ms"));
    }

    /** The first page of a cursor: opens the point in time and counts every match once. */
    Page first(Request request, Query query, Instant now) {
        String index = request.type().index();
        String pit = open(index);
        try {
            return page(request, query, now, pit, null, 0, null);
        } catch (RuntimeException e) {
            close(pit);
            throw e;
        }
    }

    /** The page after {@code cursor}. */
    Page next(Request request, Query query, CursorTokens.Hits cursor) {
        if (!cursor.query().equals(fingerprint(request, query))) {
            throw CursorTokens.otherQuery();
        }
        try {
            return page(request, query, cursor.now(), cursor.pit(), cursor.after(), cursor.seen(), cursor.total());
        } catch (ElasticsearchException e) {
            throw cursorRefused(e);
        }
    }

    /** Every matching document up to {@code request.size()}, page after page into {@code sink}. */
    void export(Request request, Query query, HitSink sink) throws IOException {
        String index = request.type().index();
        String pit = open(index);
        try {
            List<FieldValue> after = null;
            long left = request.size();
            boolean first = true;
            while (true) {
                int size = (int) Math.min(EXPORT_PAGE, left);
                SearchResponse<Map> response = search(request, query, pit, size, after, first);
                pit = response.pitId() == null ? pit : response.pitId();
                if (first) {
                    sink.begin(Searches.total(response));
                    first = false;
                }
                List<Hit> hits = Searches.hits(response);
                if (!hits.isEmpty()) {
                    sink.page(hits);
                }
                left -= hits.size();
                if (hits.size() < size || left == 0) {
                    return;
                }
                after = lastSort(response);
            }
        } finally {
            close(pit);
        }
    }

    private Page page(
            Request request, Query query, Instant now, String pit, List<FieldValue> after, long seen, Total counted) {
        SearchResponse<Map> response = search(request, query, pit, request.size(), after, counted == null);
        // Elasticsearch may hand back a new id for the same point in time; the newest is the one to use.
        String current = response.pitId() == null ? pit : response.pitId();
        Total total = counted == null ? Searches.total(response) : counted;
        List<Hit> hits = Searches.hits(response);
        long through = seen + hits.size();
        boolean more = hits.size() == request.size() && (!total.exact() || through < total.value());
        if (!more) {
            close(current);
            return new Page(total, seen, hits, null);
        }
        String next = CursorTokens.encode(
                new CursorTokens.Hits(fingerprint(request, query), now, current, lastSort(response), through, total));
        return new Page(total, seen, hits, next);
    }

    @SuppressWarnings("rawtypes")
    private SearchResponse<Map> search(
            Request request, Query query, String pit, int size, List<FieldValue> after, boolean count) {
        String index = request.type().index();
        // A point in time names its indices itself: held to the type's index, a cursor whose
        // point in time was opened elsewhere can never read documents of another index.
        Query ownIndex = Query.of(q -> q.bool(b ->
                b.filter(query).filter(f -> f.term(t -> t.field("_index").value(index)))));
        List<SortOptions> sort = new ArrayList<>(Searches.sort(request.sort()));
        sort.add(TIEBREAKER);
        return Searches.call(
                index,
                "Paging " + index,
                () -> client.search(
                        s -> {
                            s.pit(p -> p.id(pit).keepAlive(keepAliveTime))
                                    .query(ownIndex)
                                    .size(size)
                                    .sort(sort)
                                    .trackTotalHits(t -> t.enabled(count));
                            if (after != null) {
                                s.searchAfter(after);
                            }
                            Searches.source(s, request.fields());
                            return s;
                        },
                        Map.class));
    }

    private String open(String index) {
        return Searches.call(
                        index,
                        "Opening a point in time on " + index,
                        () -> client.openPointInTime(o -> o.index(index).keepAlive(keepAliveTime)))
                .id();
    }

    /**
     * Frees the point in time now rather than at the end of its keep-alive. A failure to close
     * is logged and no more: the point in time expires by itself, and the answer the client
     * waits for is complete.
     */
    private void close(String pit) {
        try {
            ElasticsearchErrors.call("Closing a point in time", () -> client.closePointInTime(c -> c.id(pit)));
        } catch (RuntimeException e) {
            log.warn("A point in time could not be closed; it expires after {}: {}", keepAlive, e.toString());
        }
    }

    /**
     * Elasticsearch refused a cursor's page: a 404 says the point in time is gone (expired or
     * closed), a 400 that the cursor's values do not fit. Either is the cursor's fault, not the
     * service's.
     */
    private RuntimeException cursorRefused(ElasticsearchException e) {
        RuntimeException answer;
        if (e.status() == 404) {
            answer = CursorTokens.expired(keepAlive);
        } else if (e.status() == 400) {
            answer = CursorTokens.damaged(e.error().reason());
        } else {
            return e;
        }
        answer.initCause(e);
        return answer;
    }

    private static String fingerprint(Request request, Query query) {
        return CursorTokens.fingerprint(request.type().index(), query, "hits " + request.sort());
    }

    @SuppressWarnings("rawtypes")
    private static List<FieldValue> lastSort(SearchResponse<Map> response) {
        var hits = response.hits().hits();
        return hits.get(hits.size() - 1).sort();
    }
}
