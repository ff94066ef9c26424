package io.agent7.query;

import java.util.List;

/**
 * The one boolean syntax tree every front end (the URI filter DSL, Lucene syntax) parses
 * into and the compiler turns into an Elasticsearch {@code bool} query.
 */
public sealed interface Expr {

    record And(List<Expr> children) implements Expr {
        public And {
            children = List.copyOf(children);
        }
    }

    record Or(List<Expr> children) implements Expr {
        public Or {
            children = List.copyOf(children);
        }
    }

    record Not(Expr child) implements Expr {}

    /**
     * {@code field op value}; the value is the text the user wrote, typed later by the
     * field's type. For {@link Operator#IN} and {@link Operator#NOT_IN} it holds several values.
     */
    record Comparison(String field, Operator op, List<String> values) implements Expr {
        public Comparison {
            values = List.copyOf(values);
        }

        public String value() {
            return values.isEmpty() ? "" : values.get(0);
        }
    }
}
