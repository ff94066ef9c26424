package io.agent7.search.api;

import io.agent7.query.Expr;
import io.agent7.query.Operator;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import io.agent7.query.Suggestions;
import io.agent7.schema.CommonFields;
import java.util.List;
import java.util.Locale;

/**
 * {@code state=present|removed|all}: which items a question is about, for the query API and
 * the console alike. Items are present now unless the question says otherwise.
 */
public final class ItemStates {

    /** The states, the default first. */
    public static final List<String> STATES = List.of("present", "removed", "all");

    private ItemStates() {}

    /**
     * The state asked for on the requested type; the related documents of a join are those
     * present now, unless {@code state=all} asks for history on both sides.
     */
    public static Expr withState(Expr filter, String state) {
        Expr present = new Expr.Comparison(CommonFields.PRESENT, Operator.EQ, List.of("true"));
        return switch (state.strip().toLowerCase(Locale.ROOT)) {
            case "present" -> Expr.and(relatedPresent(filter, present), present);
            case "removed" -> Expr.and(relatedPresent(filter, present), new Expr.Not(present));
            case "all" -> filter;
            default ->
                throw new QueryException(
                        QueryController.STATE,
                        "state must be present, removed or all; got '" + state + "'",
                        Span.of(0, state.length()),
                        "present, removed or all",
                        Suggestions.nearest(state, STATES));
        };
    }

    private static Expr relatedPresent(Expr expr, Expr present) {
        if (expr instanceof Expr.Join join) {
            return new Expr.Join(
                    join.types(), join.negated(), Expr.and(join.filter(), present), join.span(), join.typesSpan());
        }
        if (expr instanceof Expr.And and) {
            return new Expr.And(
                    and.children().stream().map(c -> relatedPresent(c, present)).toList(), and.span());
        }
        if (expr instanceof Expr.Or or) {
            return new Expr.Or(
                    or.children().stream().map(c -> relatedPresent(c, present)).toList(), or.span());
        }
        if (expr instanceof Expr.Not not) {
            return new Expr.Not(relatedPresent(not.child(), present), not.span());
        }
        return expr;
    }
}
