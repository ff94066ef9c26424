package io.agent7.search.api;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.List;
import java.util.Map;

/** Runs one search; the Elasticsearch adapter implements it. */
public interface SearchBackend {

    record Sort(String field, boolean descending) {}

    /**
     * @param fields {@code _source} fields to return; empty for all
     */
    record Request(String index, Query query, int from, int size, List<Sort> sort, List<String> fields) {}

    /** One document: its id and its source as nested maps. */
    record Hit(String id, Map<String, Object> source) {}

    record Page(long total, boolean totalIsLowerBound, List<Hit> hits) {}

    Page search(Request request);
}
