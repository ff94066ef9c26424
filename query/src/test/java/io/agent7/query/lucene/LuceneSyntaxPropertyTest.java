package io.agent7.query.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.query.Expr;
import io.agent7.query.Operator;
import io.agent7.query.ParseOutcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Property(tries = 2000)
    void anyTextIsATreeOrAQueryException(@ForAll String q) {
        ParseOutcomes.check(q, "q", LuceneSyntax::parse);
    }

    @Property(tries = 5000)
    void textMadeOfLuceneSyntaxIsATreeOrAQueryException(@ForAll("luceneish") String q) {
        ParseOutcomes.check(q, "q", LuceneSyntax::parse);
    }

    // The generator's edge cases alone outnumber the tries, and jqwik logs that on every run;
    // random queries cover them as well.
    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void queriesWrittenAsDocumentedParse(@ForAll("validQueries") String q) {
        assertThat(ParseOutcomes.check(q, "q", LuceneSyntax::parse))
                .as("the tree of %s", q)
                .isNotNull();
    }

    @Property(tries = 2000)
    void anEscapedValueReadsBackAsItsText(@ForAll("values") String value) {
        Expr.Comparison term = (Expr.Comparison) LuceneSyntax.parse("f:" + escape(value));
        assertThat(term.op()).isEqualTo(Operator.EQ);
        assertThat(term.values()).containsExactly(value);

        Expr.Comparison phrase = (Expr.Comparison) LuceneSyntax.parse("f:\"" + escapeQuoted(value) + "\"");
        assertThat(phrase.op()).isEqualTo(Operator.EQ);
        assertThat(phrase.values()).containsExactly(value);

        Expr.Comparison prefix = (Expr.Comparison) LuceneSyntax.parse("f:" + escape(value) + "*");
        assertThat(prefix.op()).isEqualTo(Operator.LIKE);
        assertThat(prefix.values()).containsExactly(literalPattern(value) + "*");
    }

    @Provide
    Arbitrary<String> luceneish() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of(FRAGMENTS), Arbitraries.strings().ofMaxLength(2));
        return piece.list().ofMaxSize(16).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings()
                        .withChars(SPECIAL + "abuAND0")
                        .ofMinLength(1)
                        .ofMaxLength(12),
                Arbitraries.of("AND", "OR", "NOT", "TO", "fn:x", "\\u0041", "*", "?"));
    }

    @Provide
    Arbitrary<String> validQueries() {
        return query(3);
    }

    private Arbitrary<String> query(int depth) {
        Arbitrary<String> connector = Arbitraries.of(" AND ", " OR ", " ", " && ", " || ", "  \t");
        return Combinators.combine(
                        clause(depth).list().ofMinSize(1).ofMaxSize(4),
                        connector.list().ofSize(3))
                .as((clauses, connectors) -> {
                    StringBuilder q = new StringBuilder(clauses.get(0));
                    for (int i = 1; i < clauses.size(); i++) {
                        q.append(connectors.get(i - 1)).append(clauses.get(i));
                    }
                    return q.toString();
                });
    }

    private Arbitrary<String> clause(int depth) {
        return Combinators.combine(Arbitraries.of("", "NOT ", "-", "+", "!"), atom(depth))
                .as((modifier, atom) -> modifier + atom);
    }

    private Arbitrary<String> atom(int depth) {
        Arbitrary<String> field = Arbitraries.of("a", "process.name", "user.name", "\\@timestamp", "名前");
        Arbitrary<String> value = values().map(v -> escape(v) + (v.length() % 3 == 0 ? "*" : ""));
        Arbitrary<String> bound = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc019.-").ofMinLength(1).ofMaxLength(6),
                Arbitraries.just("*"),
                Arbitraries.strings()
                        .withChars("ab 1")
                        .ofMinLength(1)
                        .ofMaxLength(5)
                        .map(b -> '"' + b + '"'));
        Arbitrary<String> simple =
                Arbitraries.strings().withChars("abc019.").ofMinLength(1).ofMaxLength(6);
        List<Arbitrary<String>> atoms = new ArrayList<>(List.of(
                Combinators.combine(field, value).as((f, v) -> f + ":" + v),
                Combinators.combine(field, values()).as((f, v) -> f + ":\"" + escapeQuoted(v) + "\""),
                Combinators.combine(field, Arbitraries.of("[", "{"), bound, bound, Arbitraries.of("]", "}"))
                        .as((f, open, from, to, close) -> f + ":" + open + from + " TO " + to + close),
                Combinators.combine(field, Arbitraries.of(":>", ":>=", ":<", ":<=", ">", ">=", "<", "<="), simple)
                        .as((f, op, v) -> f + op + v),
                field.map(f -> "_exists_:" + f),
                Arbitraries.just("*:*"),
                Arbitraries.just("$tasks,schtasks:*")));
        if (depth > 0) {
            Arbitrary<String> inner = query(depth - 1);
            atoms.add(inner.map(q -> "(" + q + ")"));
            atoms.add(inner.map(q -> "$tasks:(" + q + ")"));
            atoms.add(Combinators.combine(field, value.list().ofMinSize(1).ofMaxSize(3))
                    .as((f, vs) -> f + ":(" + String.join(" OR ", vs) + ")"));
        }
        return Arbitraries.oneOf(atoms);
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
