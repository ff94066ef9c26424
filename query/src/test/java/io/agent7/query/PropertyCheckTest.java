package io.agent7.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness the property tests stand on: a property that does not hold must fail, and say where. */
class PropertyCheckTest {

    @Test
    void reportsTheFirstInputAPropertyFailsOnWithTheSeedThatReplaysIt() {
        List<Integer> tried = new ArrayList<>();
        assertThatThrownBy(() -> PropertyCheck.forAll(g -> g.between(0, 96))
                        .tries(1000)
                        .check(n -> {
                            tried.add(n);
                            assertThat(n).isLessThan(96);
                        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("property failed on try " + tried.size() + " of 1000")
                .hasMessageContaining("with seed " + PropertyCheck.seed())
                .hasMessageContaining("-D" + PropertyCheck.SEED_PROPERTY + "=" + PropertyCheck.seed())
                .hasMessageContaining("input: 96");
        assertThat(tried).last().isEqualTo(96);
    }

    @Test
    void anExceptionFromTheCodeUnderTestFailsThePropertyAndKeepsItsCause() {
        IllegalStateException bug = new IllegalStateException("unexpected token");
        assertThatThrownBy(() -> PropertyCheck.forAll(g -> "x")
                        .edgeCases(List.of("a:("))
                        .check(q -> {
                            if (q.endsWith("(")) {
                                throw bug;
                            }
                        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("edge case 1 of 1")
                .hasMessageContaining("input: \"a:(\" (3 chars)")
                .hasMessageContaining("unexpected token")
                .hasCause(bug);
    }

    @Test
    void triesTheEdgeCasesFirstAndThenAsManyRandomInputsAsAsked() {
        List<String> tried = new ArrayList<>();
        PropertyCheck.forAll(g -> "random")
                .edgeCases(List.of("edge", ""))
                .tries(1009)
                .check(tried::add);
        assertThat(tried).hasSize(1011).startsWith("edge", "", "random");
    }

    @Test
    void runsAThousandTriesUnlessToldOtherwise() {
        List<String> tried = new ArrayList<>();
        PropertyCheck.forAll(Generator::anyString).check(tried::add);
        assertThat(tried).hasSize(1000);
    }

    @Test
    void theSeedReplaysTheSameInputs() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        PropertyCheck.forAll(Generator::anyString).tries(200).check(first::add);
        PropertyCheck.forAll(Generator::anyString).tries(200).check(second::add);
        assertThat(first).isEqualTo(second);
        assertThat(new HashSet<>(first)).as("different inputs").hasSizeGreaterThan(100);
    }

    @Test
    void showsAnInputAsAJavaLiteralWithInvisibleAndUnpairedCharsEscaped() {
        assertThat(PropertyCheck.describe("a\"\\\n\u0000\u3000\uD800é"))
                .isEqualTo("\"a\\\"\\\\\\n\\u0000\\u3000\\uD800\\u00E9\" (8 chars)");
    }
}
