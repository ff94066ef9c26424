package io.agent7.query.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.query.Expr;
import io.agent7.query.GoldenBlocks;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Lucene front end pinned by {@code lucene-golden.txt}: blocks separated by blank lines,
 * each with one {@code # what it shows} line, one {@code q:} line (the rest of the line after
 * {@code "q: "} exactly as it is; {@code q:} alone is the empty query) and then either
 *
 * <ul>
 *   <li>{@code ast:} the tree in {@link Canonical}'s form, and optionally {@code spans:} the
 *       same tree with its spans, or
 *   <li>{@code error:} the error's span as {@code start-end} ({@code ?} for none), a space,
 *       and text its message contains.
 * </ul>
 *
 * <p>The expectations are written by hand from docs/QUERY.md ("Lucene syntax"), not copied from what
 * the parser produces. A block stands alone: a line it lacks is an error, never the previous
 * block's value.
 */
class LuceneGoldenTest {

    static final String FIXTURE = "lucene-golden.txt";
    static final List<String> KEYS = List.of("# ", "q:", "ast: ", "spans: ", "error: ");

    record Case(String description, String q, String ast, String spans, String error) {
        @Override
        public String toString() {
            return description;
        }
    }

    static List<Case> cases() {
        return GoldenBlocks.read(LuceneGoldenTest.class, FIXTURE, KEYS).stream()
                .map(LuceneGoldenTest::toCase)
                .toList();
    }

    static List<Case> trees() throws Exception {
        return cases().stream().filter(c -> c.ast() != null).toList();
    }

    static List<Case> errors() throws Exception {
        return cases().stream().filter(c -> c.error() != null).toList();
    }

    /** The blocks of a fixture, each checked to be whole. */
    static List<Case> parse(List<String> lines) {
        return GoldenBlocks.parse(FIXTURE, lines, KEYS).stream()
                .map(LuceneGoldenTest::toCase)
                .toList();
    }

    private static Case toCase(GoldenBlocks.Block block) {
        Map<String, String> values = block.values();
        String where = block.where();
        if (!values.containsKey("# ") || !values.containsKey("q:")) {
            throw new IllegalArgumentException(where + " needs a '#' and a 'q:' line");
        }
        if (values.containsKey("ast: ") == values.containsKey("error: ")) {
            throw new IllegalArgumentException(where + " needs either an 'ast:' or an 'error:' line");
        }
        if (values.containsKey("spans: ") && !values.containsKey("ast: ")) {
            throw new IllegalArgumentException(where + " has 'spans:' without 'ast:'");
        }
        // "q:" is followed by one space before the query, which may itself start with spaces.
        String q = values.get("q:");
        return new Case(
                values.get("# "),
                q.isEmpty() ? "" : q.substring(1),
                values.get("ast: "),
                values.get("spans: "),
                values.get("error: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trees")
    void parsesToTheGoldenTree(Case c) {
        Expr parsed = LuceneSyntax.parse(c.q());
        assertThat(Canonical.of(parsed)).isEqualTo(c.ast());
        if (c.spans() != null) {
            assertThat(Canonical.withSpans(parsed)).isEqualTo(c.spans());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refusesWithTheGoldenError(Case c) {
        int space = c.error().indexOf(' ');
        String where = c.error().substring(0, space);
        String text = c.error().substring(space + 1);
        assertThatThrownBy(() -> LuceneSyntax.parse(c.q())).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.parameter()).isEqualTo("q");
            assertThat(e.getMessage()).contains(text);
            if (where.equals("?")) {
                assertThat(e.span()).isEqualTo(Span.NONE);
            } else {
                String[] ends = where.split("-");
                Span span = Span.of(Integer.parseInt(ends[0]), Integer.parseInt(ends[1]));
                assertThat(e.span()).isEqualTo(span);
                assertThat(e.getMessage()).contains("offset " + span.start());
            }
        });
    }

    @Test
    void theFixtureHasTreesAndErrors() throws Exception {
        assertThat(trees()).hasSizeGreaterThan(60);
        assertThat(errors()).hasSizeGreaterThan(30);
    }

    @Test
    void aHundredNestedGroupsParseAndOneMoreIsRefused() {
        String hundred = "(".repeat(Unsupported.MAX_DEPTH) + "a:1" + ")".repeat(Unsupported.MAX_DEPTH);
        assertThat(Canonical.of(LuceneSyntax.parse(hundred))).isEqualTo("eq(a,\"1\")");

        String deeper = "(" + hundred + ")";
        assertThatThrownBy(() -> LuceneSyntax.parse(deeper)).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.getMessage()).contains("nest more than 100 deep at offset 100");
            assertThat(e.span()).isEqualTo(Span.of(100, 101));
        });
    }

    @Test
    void aBlockMissingALineIsAnErrorNotThePreviousBlocksValue() {
        List<String> fixture = List.of("# first", "q: a:1", "ast: eq(a,\"1\")", "", "# second", "ast: and()");
        assertThatThrownBy(() -> parse(fixture)).hasMessageContaining("the block at line 5 needs a '#' and a 'q:'");
    }

    @Test
    void aBlockWithBothOrNeitherOutcomeOrALineOfNoKnownKindIsAnError() {
        assertThatThrownBy(() -> parse(List.of("# x", "q: a:1", "ast: and()", "error: ? x")))
                .hasMessageContaining("either an 'ast:' or an 'error:'");
        assertThatThrownBy(() -> parse(List.of("# x", "q: a:1"))).hasMessageContaining("either");
        assertThatThrownBy(() -> parse(List.of("# x", "q: a:1", "error: ? x", "spans: and@?()")))
                .hasMessageContaining("'spans:' without 'ast:'");
        assertThatThrownBy(() -> parse(List.of("# x", "query: a:1"))).hasMessageContaining("is none of");
        assertThatThrownBy(() -> parse(List.of("# x", "q: a", "q: b"))).hasMessageContaining("two 'q:' lines");
    }
}
