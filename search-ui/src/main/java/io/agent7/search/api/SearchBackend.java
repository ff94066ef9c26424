package io.agent7.search.api;

import io.agent7.query.Expr;
import io.agent7.query.request.FieldSelection;
import io.agent7.query.request.SortKey;
import io.agent7.schema.DataType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs searches over one data type, in the project's own terms; the Elasticsearch adapter
 * implements it. Cursors are opaque here: the backend makes them and alone reads them.
 *
 * <p>Every method may throw {@link io.agent7.query.QueryException} for a filter that does not fit
 * the type (an unknown field, a value of the wrong kind) or a cursor that cannot be used (expired,
 * damaged, or from another query), {@link MissingIndexException} when the type's index is not
 * there, and {@link io.agent7.server.elasticsearch.ElasticsearchUnavailableException} when
 * Elasticsearch did not answer.
 */
public interface SearchBackend {

    /** How many documents matched; {@code exact} false when {@code value} is a lower bound. */
    record Total(long value, boolean exact) {}

    /**
     * Documents in pages.
     *
     * @param type   the data type searched: its index, and the fields the filter may name
     * @param filter what the documents must match
     * @param sort   their order
     * @param fields the {@code _source} fields they come back with
     * @param from   documents skipped (paging by offset; 0 with a cursor)
     * @param size   documents in a page; for an export, the most written
     * @param cursor null to page by offset; {@link io.agent7.query.request.QueryOptions#CURSOR_START}
     *               or a {@link Page#nextCursor} to page with a cursor
     */
    record Request(
            DataType type, Expr filter, List<SortKey> sort, FieldSelection fields, int from, int size, String cursor) {}

    /** One document: its id and its source as nested maps. */
    record Hit(String id, Map<String, Object> source) {}

    /**
     * @param offset     documents before this page
     * @param nextCursor the cursor of the page after; null when paging by offset or when none follows
     */
    record Page(Total total, long offset, List<Hit> hits, String nextCursor) {}

    /**
     * Counts per distinct combination of values.
     *
     * @param fields        the fields grouped by, in key order
     * @param size          groups in a page
     * @param cursor        null for the first page, else a {@link Groups#nextCursor}
     * @param missingValues whether documents without a value form a group of their own (key null)
     */
    record GroupRequest(
            DataType type, Expr filter, List<String> fields, int size, String cursor, boolean missingValues) {}

    /** One combination of values (a null for a missing one) and how many documents have it. */
    record Group(Map<String, Object> key, long count) {}

    record Groups(Total total, List<Group> groups, String nextCursor) {}

    /** Where an export's pages go, as they arrive. */
    interface HitSink {

        /** Once, before the first page: how many documents matched. */
        void begin(Total total) throws IOException;

        /** The next documents, in order; never empty. */
        void page(List<Hit> hits) throws IOException;
    }

    /** One page of documents, by offset or with a cursor. */
    Page search(Request request);

    /** How many documents match. */
    Total count(DataType type, Expr filter);

    /** One page of groups, in the order of their keys. */
    Groups group(GroupRequest request);

    /**
     * Every matching document (up to {@link Request#size}), page after page into {@code sink},
     * from one consistent view of the index: each document exactly once, however many there are
     * and whatever is written meanwhile. Errors before {@link HitSink#begin} leave the sink untouched.
     *
     * @throws IOException from the sink
     */
    void export(Request request, HitSink sink) throws IOException;

    /** The fields at least one document of the type's index has a value for, by full name. */
    Set<String> fieldsWithValues(DataType type);

    /**
     * How the filter runs, for {@code explain=true}: each step the join planner ran (action,
     * type, query, result, micros, note) under {@code steps}, and the final query under
     * {@code query}, as JSON-ready maps.
     */
    Map<String, Object> explain(DataType type, Expr filter);
}
