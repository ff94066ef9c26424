package io.agent7.search.api;

import io.agent7.query.Expr;
import io.agent7.schema.DataType;
import java.util.List;
import java.util.Map;

/** Runs one search over one data type, in the project's own terms; the Elasticsearch adapter implements it. */
public interface SearchBackend {

    record Sort(String field, boolean descending) {}

    /**
     * @param type   the data type searched: its index, and the fields the filter may name
     * @param filter what the documents must match
     * @param fields {@code _source} fields to return; empty for all
     */
    record Request(DataType type, Expr filter, int from, int size, List<Sort> sort, List<String> fields) {}

    /** One document: its id and its source as nested maps. */
    record Hit(String id, Map<String, Object> source) {}

    record Page(long total, boolean totalIsLowerBound, List<Hit> hits) {}

    /**
     * @throws io.agent7.query.QueryException a filter that does not fit the type (an unknown
     *     field, a value of the wrong kind)
     * @throws MissingIndexException the type's index is not there
     * @throws io.agent7.server.elasticsearch.ElasticsearchUnavailableException Elasticsearch did
     *     not answer
     */
    Page search(Request request);
}
