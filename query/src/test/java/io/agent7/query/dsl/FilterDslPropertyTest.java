package io.agent7.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.query.QueryException;
import io.agent7.query.Span;
import org.junit.jupiter.api.Test;

/**
 * Whatever text arrives in {@code filter}, FilterDsl answers with a tree whose spans lie in
 * the text and nest, or with a QueryException naming the parameter: never another exception.
 */
class FilterDslPropertyTest {

    @Test
    void aMissingOperatorAtTheEndIsPlacedInsideTheText() {
        assertThatThrownBy(() -> FilterDsl.parse("|,"))
                .isInstanceOfSatisfying(
                        QueryException.class, e -> assertThat(e.span()).isEqualTo(Span.of(2, 2)));
    }
}
