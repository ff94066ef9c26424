package io.agent7.query.lucene;

import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.EOF;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.LPAREN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_COLON;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_EQUAL;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_LESSTHAN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_LESSTHANEQ;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_MORETHAN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_MORETHANEQ;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RPAREN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.TERM;

import io.agent7.query.QueryException;
import io.agent7.query.Span;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.queryparser.charstream.FastCharStream;
import org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserTokenManager;
import org.apache.lucene.queryparser.flexible.standard.parser.Token;
import org.apache.lucene.queryparser.flexible.standard.parser.TokenMgrError;

/**
 * The query as Lucene's own lexer ({@link StandardSyntaxParserTokenManager}, the one its
 * parser runs) reads it, ending with an EOF token. Lucene's syntax tree keeps where each
 * term is but not where field names, operators and parentheses are, and it drops the field
 * written before a group; these tokens supply them.
 */
final class Tokens {

    /** What Lucene's lexer skips between tokens. */
    private static final String WHITESPACE = " \t\n\r\u3000";

    private final String text;
    private final List<Lexeme> list;

    private Tokens(String text, List<Lexeme> list) {
        this.text = text;
        this.list = List.copyOf(list);
    }

    /**
     * Lexes {@code q}; a lexical error (an unclosed quote, a lone backslash) is a
     * QueryException, as is a construct Unsupported refuses before it.
     */
    static Tokens lex(String q) {
        StandardSyntaxParserTokenManager lexer =
                new StandardSyntaxParserTokenManager(new FastCharStream(new StringReader(q)));
        List<Lexeme> list = new ArrayList<>();
        int end = 0;
        try {
            while (true) {
                Token t = lexer.getNextToken();
                list.add(new Lexeme(t.kind, t.image, t.beginColumn, t.endColumn));
                end = t.endColumn;
                if (t.kind == EOF) {
                    return new Tokens(q, list);
                }
            }
        } catch (TokenMgrError e) {
            // A construct Agent7 refuses, earlier in the text, is the better thing to report:
            // a path written with slashes (/usr/bin/bash) is a regular expression before the
            // last slash is an unclosed one.
            Unsupported.refuse(new Tokens(q, list));
            int at = end;
            while (at < q.length() && WHITESPACE.indexOf(q.charAt(at)) >= 0) {
                at++;
            }
            throw lexicalError(q, at);
        }
    }

    private static QueryException lexicalError(String q, int at) {
        char c = at < q.length() ? q.charAt(at) : ' ';
        Span rest = Span.of(at, q.length());
        return switch (c) {
            case '"' ->
                LuceneSyntax.error(rest, "The quoted phrase at offset " + at + " is not closed", "a closing '\"'");
            case '/' ->
                LuceneSyntax.error(
                        rest,
                        "'/' at offset " + at
                                + " starts a regular expression (/.../), which is not supported: write '\\/'"
                                + " for a slash in a value, or quote the value",
                        "field:value, with * and ? as wildcards");
            case '\\' ->
                LuceneSyntax.error(
                        rest,
                        "The '\\' at offset " + at
                                + " ends the query and escapes nothing: write '\\\\' for a backslash",
                        "a character after '\\'");
            case ']', '}' ->
                LuceneSyntax.error(
                        Span.of(at, at + 1),
                        "'" + c + "' at offset " + at + " closes no range",
                        "a range such as field:[a TO b] or field:{a TO b}");
            default ->
                LuceneSyntax.error(
                        Span.of(at, Math.min(at + 1, q.length())),
                        "Lucene cannot read the query at offset " + at,
                        null);
        };
    }

    /**
     * The same query with the colon of every {@code field:>=value} blanked. Elasticsearch's
     * query string writes a one-sided range that way; Lucene's own syntax is
     * {@code field>=value}, and a colon before {@code <} or {@code >} is otherwise always a
     * syntax error, so blanking it changes no query Lucene accepts. Offsets stay the same.
     */
    Tokens withRangeColonsBlanked() {
        StringBuilder blanked = new StringBuilder(text);
        List<Lexeme> kept = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Lexeme t = list.get(i);
            if (t.kind() == OP_COLON && list.get(i + 1).is(OP_LESSTHAN, OP_LESSTHANEQ, OP_MORETHAN, OP_MORETHANEQ)) {
                blanked.setCharAt(t.start(), ' ');
            } else {
                kept.add(t);
            }
        }
        return new Tokens(blanked.toString(), kept);
    }

    String text() {
        return text;
    }

    List<Lexeme> all() {
        return list;
    }

    /** Whether there is nothing but whitespace. */
    boolean empty() {
        return list.size() == 1;
    }

    Lexeme get(int index) {
        return list.get(index);
    }

    /** The index of the token the offset is in; the EOF token's for the end of the text. */
    int indexAt(int offset) {
        int low = 0;
        int high = list.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (list.get(mid).start() <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    Lexeme at(int offset) {
        return list.get(indexAt(offset));
    }

    /** The token before the one that starts at or contains the offset; null at the start. */
    Lexeme before(int offset) {
        int index = indexAt(offset);
        return index == 0 ? null : list.get(index - 1);
    }

    /** The field name written right before the token at {@code index} ({@code name:} or {@code name=}), or null. */
    Lexeme fieldBefore(int index) {
        if (index >= 2
                && list.get(index - 1).is(OP_COLON, OP_EQUAL)
                && list.get(index - 2).kind() == TERM) {
            return list.get(index - 2);
        }
        return null;
    }

    /** A pair of parentheses and the field written before it, if any ({@code field:( ... )}). */
    record Parens(Lexeme field, Lexeme open, Lexeme close) {
        /** From the field, or the opening parenthesis, to the closing one. */
        Span span() {
            return Span.of(field == null ? open.start() : field.start(), close.end());
        }

        Span inside() {
            return Span.of(open.start(), close.end());
        }
    }

    /**
     * Every balanced pair of parentheses, in the order they open; the order in which a
     * depth-first walk of Lucene's tree meets its groups.
     */
    List<Parens> parens() {
        List<Parens> pairs = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>(); // {token index, place in pairs}
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).kind() == LPAREN) {
                open.push(new int[] {i, pairs.size()});
                pairs.add(null);
            } else if (list.get(i).kind() == RPAREN && !open.isEmpty()) {
                int[] o = open.pop();
                pairs.set(o[1], new Parens(fieldBefore(o[0]), list.get(o[0]), list.get(i)));
            }
        }
        return pairs.stream().filter(Objects::nonNull).toList();
    }
}
