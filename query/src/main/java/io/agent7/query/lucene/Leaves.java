package io.agent7.query.lucene;

import io.agent7.query.Expr;
import io.agent7.query.Operator;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.queryparser.flexible.core.nodes.FieldQueryNode;
import org.apache.lucene.queryparser.flexible.core.util.UnescapedCharSequence;
import org.apache.lucene.queryparser.flexible.standard.nodes.TermRangeQueryNode;

/**
 * Terms, phrases and ranges as comparisons. Lucene hands them over with their escapes
 * undone but remembered ({@link UnescapedCharSequence}), which tells a wildcard {@code *}
 * from a literal {@code \*}.
 */
final class Leaves {

    /** Elasticsearch's pseudo-field: {@code _exists_:name} asks for documents where name has a value. */
    static final String EXISTS = "_exists_";

    private static final Set<String> LOWER_CASE_OPERATORS = Set.of("and", "or", "not");

    private final Tokens tokens;

    Leaves(Tokens tokens) {
        this.tokens = tokens;
    }

    Expr term(FieldQueryNode node, Lexeme scope, boolean quoted) {
        String field = node.getFieldAsString();
        CharSequence text = node.getText();
        int index = tokens.indexAt(node.getBegin());
        Lexeme value = tokens.get(index);
        Lexeme written = tokens.fieldBefore(index);
        Span span = Span.of((written != null ? written : value).start(), value.end());
        boolean star = !quoted && text.length() == 1 && ExprBuilder.isWildcard(text, 0) && text.charAt(0) == '*';
        if (field.isEmpty()) {
            throw noField(value);
        }
        if (Joins.isJoin(field)) {
            if (written == null) {
                throw Joins.noFieldInside(value, scope);
            }
            if (!star) {
                throw Joins.needsGroup(written, span);
            }
            return new Expr.Join(Joins.types(written), false, new Expr.And(List.of(), value.span()), span);
        }
        if (field.equals("*")) {
            if (star && written != null) {
                return new Expr.And(List.of(), span);
            }
            throw everyField(span, value);
        }
        if (field.equals(EXISTS)) {
            if (text.length() == 0 || (!quoted && ExprBuilder.hasWildcard(text))) {
                throw LuceneSyntax.error(
                        value.span(),
                        EXISTS + " takes the name of a field, not '" + value.image() + "' (at offset " + value.start()
                                + ")",
                        EXISTS + ":field");
            }
            return new Expr.Comparison(text.toString(), Operator.EXISTS, List.of(), span, value.span());
        }
        Span fieldSpan = fieldSpan(written, scope);
        if (!quoted && ExprBuilder.hasWildcard(text)) {
            return new Expr.Comparison(field, Operator.LIKE, List.of(ExprBuilder.pattern(text)), span, fieldSpan);
        }
        return new Expr.Comparison(field, Operator.EQ, List.of(text.toString()), span, fieldSpan);
    }

    /**
     * {@code field:[a TO b]}, {@code field:{a TO b}} (exclusive) or {@code field>=a}; an
     * unescaped {@code *} is an open end, as in Lucene.
     */
    Expr range(TermRangeQueryNode node, Lexeme scope) {
        FieldQueryNode lower = node.getLowerBound();
        FieldQueryNode upper = node.getUpperBound();
        String field = lower.getFieldAsString();
        int lowerIndex = tokens.indexAt(lower.getBegin());
        int upperIndex = tokens.indexAt(upper.getBegin());
        Lexeme written;
        Span span;
        if (ExprBuilder.isRangeOperator(tokens.get(lowerIndex - 1))) { // field>=value: both bounds at the value
            written = tokens.get(lowerIndex - 2);
            span = Span.of(written.start(), tokens.get(lowerIndex).end());
        } else {
            Lexeme open = tokens.get(lowerIndex - 1);
            written = tokens.fieldBefore(lowerIndex - 1);
            span = Span.of(
                    (written != null ? written : open).start(),
                    tokens.get(upperIndex + 1).end());
        }
        if (field.isEmpty()) {
            throw LuceneSyntax.error(
                    span,
                    "The range at offset " + span.start() + " has no field: Agent7 has no default field",
                    "field:[a TO b]");
        }
        if (Joins.isJoin(field)) {
            throw written != null
                    ? Joins.needsGroup(written, span)
                    : Joins.noFieldInside(tokens.at(span.start()), scope);
        }
        if (field.equals("*") || field.equals(EXISTS)) {
            throw LuceneSyntax.error(
                    span,
                    "A range needs a field, not " + field + " (at offset " + span.start() + ")",
                    "field:[a TO b]");
        }
        Span fieldSpan = fieldSpan(written, scope);
        Operator from = node.isLowerInclusive() ? Operator.GE : Operator.GT;
        Operator to = node.isUpperInclusive() ? Operator.LE : Operator.LT;
        boolean fromOpen = isOpen(lower.getText());
        boolean toOpen = isOpen(upper.getText());
        if (fromOpen && toOpen) {
            return new Expr.Comparison(field, Operator.EXISTS, List.of(), span, fieldSpan);
        }
        if (fromOpen || toOpen) {
            FieldQueryNode bound = fromOpen ? upper : lower;
            return new Expr.Comparison(field, fromOpen ? to : from, List.of(bound.getTextAsString()), span, fieldSpan);
        }
        return new Expr.And(
                List.of(
                        new Expr.Comparison(
                                field,
                                from,
                                List.of(lower.getTextAsString()),
                                tokens.get(lowerIndex).span(),
                                fieldSpan),
                        new Expr.Comparison(
                                field,
                                to,
                                List.of(upper.getTextAsString()),
                                tokens.get(upperIndex).span(),
                                fieldSpan)),
                span);
    }

    private static boolean isOpen(CharSequence bound) {
        return bound.length() == 1 && ExprBuilder.isWildcard(bound, 0) && bound.charAt(0) == '*';
    }

    private static Span fieldSpan(Lexeme written, Lexeme scope) {
        if (written != null) {
            return written.span();
        }
        return scope != null ? scope.span() : Span.NONE;
    }

    private static QueryException noField(Lexeme value) {
        String hint = LOWER_CASE_OPERATORS.contains(value.image().toLowerCase(Locale.ROOT))
                ? "; AND, OR and NOT are operators only in capitals"
                : "";
        return LuceneSyntax.error(
                value.span(),
                "'" + value.image() + "' at offset " + value.start()
                        + " has no field: Agent7 searches no default field, so write field:value (process.name:"
                        + value.image() + ")" + hint,
                "field:value");
    }

    private static QueryException everyField(Span span, Lexeme value) {
        return LuceneSyntax.error(
                span,
                "'*:" + value.image() + "' at offset " + span.start()
                        + " searches every field, which Agent7 does not do: name a field (field:" + value.image()
                        + "); *:* alone matches everything",
                "field:value or *:*");
    }
}
