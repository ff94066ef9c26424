package io.agent7.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.query.Expr;
import io.agent7.query.Operator;
import io.agent7.query.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree and spans the DSL parses into; what they compile to is pinned in filter-golden.txt. */
class FilterDslTest {

    static final String SEED = "last_logon,gt,2 months ago;is_priv,eq,1;active,eq,true;"
            + "models=tasks,schtasks;cmd_line,notlike,C:\\Program Files\\*";

    @Test
    void theSeedQuestionIsThreeClausesAndAJoinScopeToTheEnd() {
        Expr.And and = (Expr.And) FilterDsl.parse(SEED);

        assertThat(and.children()).hasSize(4);
        assertThat(and.children().get(0))
                .isEqualTo(new Expr.Comparison(
                        "last_logon", Operator.GT, List.of("2 months ago"), Span.of(0, 26), Span.of(0, 10)));
        Expr.Join join = (Expr.Join) and.children().get(3);
        assertThat(join.types()).containsExactly("tasks", "schtasks");
        assertThat(join.negated()).isFalse();
        assertThat(join.typesSpan()).isEqualTo(Span.of(55, 76));
        assertThat(join.span()).isEqualTo(Span.of(55, SEED.length()));
        assertThat(join.filter())
                .as("a like pattern escapes the literal backslashes and keeps the star a wildcard")
                .isEqualTo(new Expr.Comparison(
                        "cmd_line",
                        Operator.NOT_LIKE,
                        List.of("C:\\\\Program Files\\\\*"),
                        Span.of(77, SEED.length()),
                        Span.of(77, 85)));
    }

    @Test
    void aNegatedScopeWithoutClausesAsksForNoRelatedDocumentAtAll() {
        Expr.And and = (Expr.And) FilterDsl.parse("active,eq,1;!models=tasks");

        Expr.Join join = (Expr.Join) and.children().get(1);
        assertThat(join.negated()).isTrue();
        assertThat(join.filter())
                .isInstanceOfSatisfying(
                        Expr.And.class, a -> assertThat(a.children()).isEmpty());
    }

    @Test
    void anEmptyModelsGoesBackToThePrimaryTypeAndASecondModelsOpensAnotherJoin() {
        Expr.And and = (Expr.And) FilterDsl.parse("models=tasks;image,like,a*;models=;is_priv,eq,1;models=schtasks");

        assertThat(and.children()).hasSize(3);
        assertThat(and.children().get(0)).isInstanceOf(Expr.Join.class);
        assertThat(and.children().get(1))
                .isInstanceOfSatisfying(
                        Expr.Comparison.class, c -> assertThat(c.field()).isEqualTo("is_priv"));
        assertThat(((Expr.Join) and.children().get(2)).types()).containsExactly("schtasks");
    }

    @Test
    void theOriginalSpellingsAreTheSameOperators() {
        assertThat(((Expr.Comparison) FilterDsl.parse("a,neq,1")).op()).isEqualTo(Operator.NE);
        assertThat(((Expr.Comparison) FilterDsl.parse("a,nlike,1")).op()).isEqualTo(Operator.NOT_LIKE);
        assertThat(((Expr.Comparison) FilterDsl.parse("a,exists")).values()).isEmpty();
    }

    @Test
    void valuesOfOtherOperatorsAreLiteralText() {
        Expr.Comparison eq = (Expr.Comparison) FilterDsl.parse("image,eq,C:\\a*b");
        assertThat(eq.value()).isEqualTo("C:\\a*b");
        Expr.Comparison quoted = (Expr.Comparison) FilterDsl.parse("image,eq,\"C:\\\\a\\*b\\\"\"");
        assertThat(quoted.value()).isEqualTo("C:\\a*b\"");
    }
}
