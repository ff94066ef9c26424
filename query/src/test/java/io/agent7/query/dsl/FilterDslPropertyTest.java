package io.agent7.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.query.Generator;
import io.agent7.query.ParseOutcomes;
import io.agent7.query.PropertyCheck;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever text arrives in {@code filter}, FilterDsl answers with a tree whose spans lie in
 * the text and nest, or with a QueryException naming the parameter: never another exception.
 */
class FilterDslPropertyTest {

    /** The DSL's separators, quoting and escapes, its keywords, and pieces of clauses. */
    private static final List<String> FRAGMENTS = List.of(
            ";",
            ",",
            "|",
            "(",
            ")",
            "\"",
            "\\",
            "\\;",
            "\\|",
            "\\)",
            "\\\"",
            "\\*",
            " ",
            "any(",
            "all(",
            "not(",
            "ANY(",
            "models=",
            "!models=",
            "models=tasks,schtasks",
            "eq",
            "ne",
            "like",
            "notlike",
            "ilike",
            "in",
            "notin",
            "exists",
            "missing",
            "cidr",
            "gt",
            "bogus",
            "a",
            "process.name",
            ",eq,",
            ",like,",
            ",in,",
            ",exists",
            "C:\\Program Files\\*",
            "*",
            "?",
            "2 months ago",
            "10.0.0.0/8",
            "é",
            "😀",
            "\uD800",
            "a,eq,1",
            "a,in,1|2",
            "a,like,\"x;y\"",
            "any(a,eq,1;b,eq,2)",
            "true",
            "");

    @Test
    void anyTextIsATreeOrAQueryException() {
        PropertyCheck.forAll(Generator::anyString)
                .edgeCases(Generator.EDGE_STRINGS)
                .tries(2000)
                .check(filter -> ParseOutcomes.check(filter, "filter", FilterDsl::parse));
    }

    @Test
    void textMadeOfTheDslsSyntaxIsATreeOrAQueryException() {
        PropertyCheck.forAll(g -> g.spliced(FRAGMENTS))
                .edgeCases(FRAGMENTS)
                .tries(5000)
                .check(filter -> ParseOutcomes.check(filter, "filter", FilterDsl::parse));
    }

    /** The first sample the properties found: the span ran one past the end. */
    @Test
    void aMissingOperatorAtTheEndIsPlacedInsideTheText() {
        assertThatThrownBy(() -> FilterDsl.parse("|,"))
                .isInstanceOfSatisfying(
                        QueryException.class, e -> assertThat(e.span()).isEqualTo(Span.of(2, 2)));
    }
}
