package io.agent7.query;

import java.util.List;

/**
 * The syntax tree every front end (the URI filter DSL, Lucene syntax) parses into. It holds
 * what the user wrote, untyped and unresolved, with the {@link Span} each node came from;
 * binding against the schema ({@code io.agent7.query.bind}) turns it into a typed tree.
 */
public sealed interface Expr {

    Span span();

    /** Every child must match; no children matches everything. */
    record And(List<Expr> children, Span span) implements Expr {
        public And {
            children = List.copyOf(children);
        }

        public And(List<Expr> children) {
            this(children, Span.NONE);
        }
    }

    /** At least one child must match; no children matches nothing. */
    record Or(List<Expr> children, Span span) implements Expr {
        public Or {
            children = List.copyOf(children);
        }

        public Or(List<Expr> children) {
            this(children, Span.NONE);
        }
    }

    record Not(Expr child, Span span) implements Expr {
        public Not(Expr child) {
            this(child, Span.NONE);
        }
    }

    /**
     * {@code field op value}: the field as written (a name or an alias) and the values as
     * written, typed later by the field's type. {@link Operator#IN} and {@link Operator#NOT_IN}
     * hold several values; {@link Operator#EXISTS} and {@link Operator#MISSING} none.
     *
     * @param fieldSpan where the field name was written, for "unknown field" errors
     * @param values    the values as written: quotes and escapes already removed
     */
    record Comparison(String field, Operator op, List<String> values, Span span, Span fieldSpan) implements Expr {
        public Comparison {
            values = List.copyOf(values);
        }

        public Comparison(String field, Operator op, List<String> values) {
            this(field, op, values, Span.NONE, Span.NONE);
        }

        /** The first value, or "" when there is none. */
        public String value() {
            return values.isEmpty() ? "" : values.get(0);
        }
    }

    /**
     * A join: the document matches when at least one document of one of {@code types} related
     * to it (by the schema's relations) matches {@code filter}; {@code negated} asks for
     * documents with no such related document.
     *
     * @param types     the related types as written (names or aliases)
     * @param typesSpan where the types were written, for "unknown type" errors
     */
    record Join(List<String> types, boolean negated, Expr filter, Span span, Span typesSpan) implements Expr {
        public Join {
            types = List.copyOf(types);
        }

        public Join(List<String> types, boolean negated, Expr filter, Span span) {
            this(types, negated, filter, span, span);
        }
    }

    /** The conjunction of two trees, flattening a top-level {@link And} on either side. */
    public static Expr and(Expr a, Expr b) {
        List<Expr> children = new java.util.ArrayList<>();
        for (Expr e : List.of(a, b)) {
            if (e instanceof And and) {
                children.addAll(and.children());
            } else {
                children.add(e);
            }
        }
        return children.size() == 1
                ? children.get(0)
                : new And(children, a.span().union(b.span()));
    }
}
