package io.agent7.query.request;

import io.agent7.query.QueryException;
import io.agent7.schema.DataType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a query asks for besides its filter: the kind of answer, the order, the fields and the
 * paging, parsed from the request's parameters and checked against the data type. The query
 * API, detection rules and the console parse them here, so they agree on every rule and
 * every error. A bad value is a {@link QueryException} that names the parameter, the place in
 * it, what was expected and, for a misspelt field, the nearest valid names.
 *
 * @param answer  what comes back ({@link Answer})
 * @param format  how it is written; {@link Format#CSV} and {@link Format#NDJSON} only for
 *                {@link Answer#EXPORT}
 * @param sort    the order of documents; {@code @timestamp} ascending when none is asked
 * @param fields  the {@code _source} fields documents come back with
 * @param offset  documents skipped before the page; 0 unless paging by offset
 * @param limit   documents, groups or values a page holds; for an export the most documents
 *                written, {@link Integer#MAX_VALUE} (every one) unless asked
 * @param cursor  null; {@link #CURSOR_START} to start paging with a cursor; or the
 *                {@code next_cursor} of the answer before, which only the backend that made
 *                it can read
 * @param groupBy the fields of {@link Answer#GROUPS}, or the one field of {@link Answer#DISTINCT};
 *                empty otherwise
 */
public record QueryOptions(
        Answer answer,
        Format format,
        List<SortKey> sort,
        FieldSelection fields,
        int offset,
        int limit,
        String cursor,
        List<String> groupBy) {

    public static final String ORDERBY = "orderby";
    public static final String FIELDS = "fields";
    public static final String EXC_FIELDS = "exc_fields";
    public static final String LIMIT = "limit";
    public static final String OFFSET = "offset";
    public static final String CURSOR = "cursor";
    public static final String GROUPBY = "groupby";
    public static final String GETCOUNT = "getcount";
    public static final String DISTINCT = "distinct";
    public static final String FORMAT = "format";
    public static final String AS_JSON = "as_json";

    /** Every parameter parsed here. */
    public static final Set<String> PARAMETERS =
            Set.of(ORDERBY, FIELDS, EXC_FIELDS, LIMIT, OFFSET, CURSOR, GROUPBY, GETCOUNT, DISTINCT, FORMAT, AS_JSON);

    /** The {@code cursor} value that starts paging with a cursor (as Solr's {@code cursorMark=*} does). */
    public static final String CURSOR_START = "*";

    public QueryOptions {
        sort = List.copyOf(sort);
        groupBy = List.copyOf(groupBy);
    }

    /**
     * The options among {@code parameters}; other parameters (the filter, say) are left for
     * the caller, who may check them with {@link #rejectUnknown}.
     *
     * @param parameters the request's parameters, each with every value it was given: one
     *                   given twice is an error, an empty one counts as not given
     * @throws QueryException for the first value that is wrong
     */
    public static QueryOptions parse(Map<String, List<String>> parameters, DataType type, Limits limits) {
        return new OptionParser(parameters, type, limits).parse();
    }

    /**
     * Fails on a parameter that is neither an option nor one of {@code alsoAccepted}: a
     * misspelt {@code limt=} would otherwise be ignored without a word.
     */
    public static void rejectUnknown(Collection<String> given, Collection<String> alsoAccepted) {
        OptionParser.rejectUnknown(given, alsoAccepted);
    }

    /** Whether pages are read with a cursor ({@code cursor=*} or a {@code next_cursor}). */
    public boolean pagesByCursor() {
        return cursor != null;
    }
}
