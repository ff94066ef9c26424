package io.agent7.query.plan;

import io.agent7.query.bind.Bound;
import io.agent7.schema.DataType;
import java.util.List;

/** What the join planner asks of the search engine, in the query language's own terms. */
public interface SearchPort {

    /** How many documents of {@code type} match; exact. */
    long count(DataType type, Bound filter);

    /**
     * The distinct values of {@code field} among the documents of {@code type} that match,
     * at most {@code limit}; {@link Keys#more()} says whether there were more.
     */
    Keys keys(DataType type, Bound filter, String field, int limit);

    /** The query the engine would run for the filter, as text, for {@code explain}. */
    String describe(Bound filter);

    record Keys(List<Object> values, boolean more) {
        public Keys {
            values = List.copyOf(values);
        }
    }
}
