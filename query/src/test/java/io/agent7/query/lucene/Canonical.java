package io.agent7.query.lucene;

import io.agent7.query.Expr;
import io.agent7.query.Span;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A syntax tree as one line of text, for golden tests:
 *
 * <pre>
 * and(c, ...)  or(c, ...)  not(c)
 * op(field,"value",...)          op is the operator's token: eq, like, ge, exists, ...
 * join[type,...](filter)  nojoin[type,...](filter)
 * </pre>
 *
 * <p>Values go between double quotes exactly as they are, with nothing escaped, so a
 * pattern's backslashes read as the pattern has them: {@code like(image,"C:\\*")}. With
 * spans, every node and field is followed by {@code @start-end} ({@code @?} when unknown):
 * {@code eq@0-3(a@0-1,"b")}.
 */
final class Canonical {

    private Canonical() {}

    static String of(Expr e) {
        return render(e, false);
    }

    static String withSpans(Expr e) {
        return render(e, true);
    }

    private static String render(Expr e, boolean spans) {
        String at = spans ? span(e.span()) : "";
        if (e instanceof Expr.And and) {
            return "and" + at + "(" + children(and.children(), spans) + ")";
        }
        if (e instanceof Expr.Or or) {
            return "or" + at + "(" + children(or.children(), spans) + ")";
        }
        if (e instanceof Expr.Not not) {
            return "not" + at + "(" + render(not.child(), spans) + ")";
        }
        if (e instanceof Expr.Join join) {
            return (join.negated() ? "nojoin" : "join") + at + "[" + String.join(",", join.types()) + "]("
                    + render(join.filter(), spans) + ")";
        }
        Expr.Comparison c = (Expr.Comparison) e;
        String values = c.values().stream().map(v -> ",\"" + v + "\"").collect(Collectors.joining());
        return c.op().token() + at + "(" + c.field() + (spans ? span(c.fieldSpan()) : "") + values + ")";
    }

    private static String children(List<Expr> children, boolean spans) {
        return children.stream().map(c -> render(c, spans)).collect(Collectors.joining(","));
    }

    private static String span(Span span) {
        return span.known() ? "@" + span.start() + "-" + span.end() : "@?";
    }
}
