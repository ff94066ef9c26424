package io.agent7.query.lucene;

import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.CARAT;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.FN_PREFIX;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.LPAREN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.NUMBER;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.QUOTED;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.REGEXPTERM;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RPAREN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.TILDE;

import io.agent7.query.QueryException;
import io.agent7.query.Span;
import java.util.List;

/**
 * The parts of Lucene's syntax Agent7 refuses, found in the tokens before anything is
 * parsed: each has a token of its own, so the error can say exactly where it is.
 * Results are filtered, never scored, and values match exactly or with wildcards, so
 * fuzziness, proximity, boosts, regular expressions, interval functions and minimum
 * should match have nothing to mean here.
 */
final class Unsupported {

    /**
     * Deeper than any query a person writes, and well within the stack the parser's
     * recursion needs.
     */
    static final int MAX_DEPTH = 100;

    private Unsupported() {}

    static void refuse(Tokens tokens) {
        List<Lexeme> list = tokens.all();
        int depth = 0;
        for (int i = 0; i < list.size(); i++) {
            Lexeme t = list.get(i);
            Lexeme previous = i == 0 ? null : list.get(i - 1);
            Lexeme next = i + 1 < list.size() ? list.get(i + 1) : null;
            Span withNumber = Span.of(t.start(), next != null && next.kind() == NUMBER ? next.end() : t.end());
            switch (t.kind()) {
                case LPAREN -> {
                    if (++depth > MAX_DEPTH) {
                        throw LuceneSyntax.error(
                                t.span(),
                                "Parentheses nest more than " + MAX_DEPTH + " deep at offset " + t.start(),
                                "fewer nested groups");
                    }
                }
                case RPAREN -> depth = Math.max(0, depth - 1);
                case TILDE ->
                    throw previous != null && previous.kind() == QUOTED ? proximity(withNumber) : fuzzy(withNumber);
                case CARAT ->
                    throw LuceneSyntax.error(
                            withNumber,
                            "Boosts ('^' at offset " + t.start() + ") are not supported: results are filtered, not"
                                    + " scored; write '\\^' for a literal caret",
                            null);
                case REGEXPTERM ->
                    throw LuceneSyntax.error(
                            t.span(),
                            "Regular expressions ('/.../' at offset " + t.start() + ") are not supported: use * and ?"
                                    + " as wildcards, and write '\\/' for a slash in a value or quote the value",
                            "field:value, with * and ? as wildcards");
                case FN_PREFIX ->
                    throw LuceneSyntax.error(
                            t.span(), "Interval functions ('fn:' at offset " + t.start() + ") are not supported", null);
                default -> {
                    if ("@".equals(t.image()) && previous != null && previous.kind() == RPAREN) {
                        throw LuceneSyntax.error(
                                withNumber,
                                "Minimum should match ('@' after a group, at offset " + t.start()
                                        + ") is not supported: combine clauses with AND and OR",
                                null);
                    }
                }
            }
        }
    }

    private static QueryException fuzzy(Span span) {
        return LuceneSyntax.error(
                span,
                "Fuzzy matching ('~' at offset " + span.start() + ") is not supported: values match exactly, or"
                        + " with * and ? as wildcards; write '\\~' for a literal tilde (PROGRA\\~1)",
                "field:value, with * and ? as wildcards");
    }

    private static QueryException proximity(Span span) {
        return LuceneSyntax.error(
                span,
                "Proximity search ('~' after a phrase, at offset " + span.start() + ") is not supported: a"
                        + " phrase matches its words next to each other and in order",
                "field:\"a phrase\"");
    }
}
