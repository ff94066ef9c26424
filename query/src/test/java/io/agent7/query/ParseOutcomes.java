package io.agent7.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;

/**
 * What every front end promises for any text at all: a tree whose spans lie in the text
 * and nest (a node's children inside the node), or a QueryException that names the
 * parameter and a span in the text. Anything else a parser throws fails the caller's test.
 */
public final class ParseOutcomes {

    private ParseOutcomes() {}

    /** Parses {@code text}, checks the outcome and returns the tree, or null when it was refused. */
    public static Expr check(String text, String parameter, Function<String, Expr> parser) {
        Expr parsed;
        try {
            parsed = parser.apply(text);
        } catch (QueryException e) {
            assertThat(e.parameter()).isEqualTo(parameter);
            assertThat(e.getMessage()).isNotBlank();
            assertInText(e.span(), text);
            return null;
        }
        assertThat(parsed).isNotNull();
        assertNested(parsed, Span.of(0, text.length()), text);
        return parsed;
    }

    private static void assertNested(Expr e, Span outer, String text) {
        Span span = e.span();
        assertInText(span, text);
        if (span.known() && outer.known()) {
            assertThat(span.start()).as("%s starts inside %s", e, outer).isGreaterThanOrEqualTo(outer.start());
            assertThat(span.end()).as("%s ends inside %s", e, outer).isLessThanOrEqualTo(outer.end());
        }
        Span inner = span.known() ? span : outer;
        if (e instanceof Expr.And and) {
            and.children().forEach(c -> assertNested(c, inner, text));
        } else if (e instanceof Expr.Or or) {
            or.children().forEach(c -> assertNested(c, inner, text));
        } else if (e instanceof Expr.Not not) {
            assertNested(not.child(), inner, text);
        } else if (e instanceof Expr.Join join) {
            assertNested(join.filter(), inner, text);
        } else if (e instanceof Expr.Comparison c) {
            assertInText(c.fieldSpan(), text); // a group's field lies outside the terms it applies to
            assertThat(c.field()).isNotEmpty();
        }
    }

    private static void assertInText(Span span, String text) {
        if (span.known()) {
            assertThat(span.end())
                    .as("%s lies in text of length %d", span, text.length())
                    .isLessThanOrEqualTo(text.length());
        }
    }
}
