package io.agent7.query.request;

import java.util.Set;

/**
 * What a query answers, decided by its options in this order: an export ({@code format=csv}
 * or {@code ndjson}), a count ({@code getcount=true}), groups ({@code groupby=}), distinct
 * values ({@code distinct=}), else a page of documents. Each takes only the options it can
 * use; any other is an error rather than silently ignored.
 */
public enum Answer {
    PAGE(
            "a page of documents",
            QueryOptions.ORDERBY,
            QueryOptions.FIELDS,
            QueryOptions.EXC_FIELDS,
            QueryOptions.LIMIT,
            QueryOptions.OFFSET,
            QueryOptions.CURSOR),
    COUNT("getcount=true (the count alone)"),
    GROUPS("groupby (a count per group)", QueryOptions.GROUPBY, QueryOptions.LIMIT, QueryOptions.CURSOR),
    DISTINCT("distinct (the distinct values)", QueryOptions.DISTINCT, QueryOptions.LIMIT, QueryOptions.CURSOR),
    EXPORT(
            "an export (format=csv or ndjson: every matching document)",
            QueryOptions.ORDERBY,
            QueryOptions.FIELDS,
            QueryOptions.EXC_FIELDS,
            QueryOptions.LIMIT);

    private final String description;
    private final Set<String> accepts;

    Answer(String description, String... accepts) {
        this.description = description;
        this.accepts = Set.of(accepts);
    }

    /** In words, for errors. */
    public String description() {
        return description;
    }

    /**
     * Whether the option applies to this answer; {@code format}, {@code as_json} and
     * {@code getcount} are checked where the answer is decided.
     */
    boolean accepts(String option) {
        return accepts.contains(option);
    }

    /** The options it takes, for errors. */
    Set<String> options() {
        return accepts;
    }
}
