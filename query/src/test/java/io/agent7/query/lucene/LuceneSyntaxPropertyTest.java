package io.agent7.query.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.query.Expr;
import io.agent7.query.Generator;
import io.agent7.query.Operator;
import io.agent7.query.ParseOutcomes;
import io.agent7.query.PropertyCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whatever text arrives in {@code q}, LuceneSyntax answers with a tree or a QueryException
 * (never another exception); queries built from the documented syntax always parse; and a
 * value escaped as the docs say reads back as itself.
 */
class LuceneSyntaxPropertyTest {

    /** Every character Lucene's lexer gives a meaning to, and some fragments of queries. */
    private static final List<String> FRAGMENTS = List.of(
            " ",
            "\t",
            "\n",
            "\u3000",
            "+",
            "-",
            "!",
            "(",
            ")",
            ":",
            "^",
            "@",
            "<",
            ">",
            "=",
            "<=",
            ">=",
            "[",
            "]",
            "{",
            "}",
            "\"",
            "~",
            "\\",
            "/",
            "*",
            "?",
            "&&",
            "||",
            "AND",
            "OR",
            "NOT",
            " AND ",
            " OR ",
            " NOT ",
            "TO",
            " TO ",
            "fn:",
            "$tasks",
            "$",
            ",",
            "_exists_",
            "*:*",
            "a",
            "process.name",
            "cmd.exe",
            "1",
            "2.5",
            "2026-01-01",
            "\\u",
            "\\u00e9",
            "\\u00",
            "é",
            "😀",
            "\uD800",
            "a:b",
            "a:\"x y\"",
            "a:[1 TO 5]",
            "a:{* TO 2}",
            "a:>=5",
            "C\\:\\\\Windows\\\\*",
            "$tasks:(a:b)",
            "-a:b",
            "(a:b OR c:d)",
            "~2",
            "^3",
            "/x/",
            ")@2",
            "\\*",
            "\\ ");

    /** The characters the docs say to escape in a value. */
    private static final String SPECIAL = " \t\n\r\u3000+-!():^@<>=[]\"{}~\\/*?&|";

    private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT");

    /** Values that need the most care: Lucene's operators, an escape's look-alike, wildcards alone. */
    private static final List<String> TRICKY_VALUES = List.of("AND", "OR", "NOT", "TO", "fn:x", "\\u0041", "*", "?");

    private static final List<String> FIELDS = List.of("a", "process.name", "user.name", "\\@timestamp", "名前");

    @Test
    void anyTextIsATreeOrAQueryException() {
        PropertyCheck.forAll(Generator::anyString)
                .edgeCases(Generator.EDGE_STRINGS)
                .tries(2000)
                .check(q -> ParseOutcomes.check(q, "q", LuceneSyntax::parse));
    }

    @Test
    void textMadeOfLuceneSyntaxIsATreeOrAQueryException() {
        PropertyCheck.forAll(g -> g.spliced(FRAGMENTS))
                .edgeCases(FRAGMENTS)
                .tries(5000)
                .check(q -> ParseOutcomes.check(q, "q", LuceneSyntax::parse));
    }

    @Test
    void queriesWrittenAsDocumentedParse() {
        PropertyCheck.forAll(g -> query(g, 3))
                .tries(2000)
                .check(q -> assertThat(ParseOutcomes.check(q, "q", LuceneSyntax::parse))
                        .as("the tree of %s", q)
                        .isNotNull());
    }

    @Test
    void anEscapedValueReadsBackAsItsText() {
        List<String> edgeCases = Stream.concat(
                        TRICKY_VALUES.stream(), SPECIAL.chars().mapToObj(c -> String.valueOf((char) c)))
                .toList();
        PropertyCheck.forAll(LuceneSyntaxPropertyTest::value)
                .edgeCases(edgeCases)
                .tries(2000)
                .check(value -> {
                    Expr.Comparison term = (Expr.Comparison) LuceneSyntax.parse("f:" + escape(value));
                    assertThat(term.op()).isEqualTo(Operator.EQ);
                    assertThat(term.values()).containsExactly(value);

                    Expr.Comparison phrase = (Expr.Comparison) LuceneSyntax.parse("f:\"" + escapeQuoted(value) + "\"");
                    assertThat(phrase.op()).isEqualTo(Operator.EQ);
                    assertThat(phrase.values()).containsExactly(value);

                    Expr.Comparison prefix = (Expr.Comparison) LuceneSyntax.parse("f:" + escape(value) + "*");
                    assertThat(prefix.op()).isEqualTo(Operator.LIKE);
                    assertThat(prefix.values()).containsExactly(literalPattern(value) + "*");
                });
    }

    /** Any value, one of Lucene's special characters and a few letters, or a tricky one; never empty. */
    private static String value(Generator g) {
        return g.oneOf(h -> h.anyString(1, 12), h -> h.string(SPECIAL + "abuAND0", 1, 12), h -> h.pick(TRICKY_VALUES));
    }

    /** Up to four clauses joined by any of the connectors, nested up to {@code depth} groups deep. */
    private static String query(Generator g, int depth) {
        List<String> clauses = g.list(1, 4, h -> clause(h, depth));
        StringBuilder q = new StringBuilder(clauses.get(0));
        for (int i = 1; i < clauses.size(); i++) {
            q.append(g.pick(" AND ", " OR ", " ", " && ", " || ", "  \t")).append(clauses.get(i));
        }
        return q.toString();
    }

    private static String clause(Generator g, int depth) {
        return g.pick("", "NOT ", "-", "+", "!") + atom(g, depth);
    }

    private static String atom(Generator g, int depth) {
        List<Function<Generator, String>> atoms = new ArrayList<>(List.of(
                h -> h.pick(FIELDS) + ":" + termValue(h),
                h -> h.pick(FIELDS) + ":\"" + escapeQuoted(value(h)) + "\"",
                h -> h.pick(FIELDS) + ":" + h.pick("[", "{") + bound(h) + " TO " + bound(h) + h.pick("]", "}"),
                h -> h.pick(FIELDS)
                        + h.pick(":>", ":>=", ":<", ":<=", ">", ">=", "<", "<=")
                        + h.string("abc019.", 1, 6),
                h -> "_exists_:" + h.pick(FIELDS),
                h -> "*:*",
                h -> "$tasks,schtasks:*"));
        if (depth > 0) {
            atoms.add(h -> "(" + query(h, depth - 1) + ")");
            atoms.add(h -> "$tasks:(" + query(h, depth - 1) + ")");
            atoms.add(h -> h.pick(FIELDS) + ":("
                    + String.join(" OR ", h.list(1, 3, LuceneSyntaxPropertyTest::termValue)) + ")");
        }
        return g.pick(atoms).apply(g);
    }

    /** A value escaped as a term, a prefix pattern one time in three. */
    private static String termValue(Generator g) {
        String v = value(g);
        return escape(v) + (v.length() % 3 == 0 ? "*" : "");
    }

    private static String bound(Generator g) {
        return g.oneOf(h -> h.string("abc019.-", 1, 6), h -> "*", h -> '"' + h.string("ab 1", 1, 5) + '"');
    }

    /** A value in Lucene syntax, as docs/QUERY-lucene.md says to write it. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return OPERATORS.contains(value) ? "\\" + out : out.toString();
    }

    static String escapeQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The value as a pattern that matches only itself: {@code *}, {@code ?} and {@code \} escaped. */
    static String literalPattern(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }
}
