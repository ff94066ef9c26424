package io.agent7.query.lucene;

import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.AND;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.EOF;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.LPAREN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.MINUS;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.NOT;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.NUMBER;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_COLON;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_EQUAL;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_LESSTHAN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_LESSTHANEQ;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_MORETHAN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OP_MORETHANEQ;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.OR;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.PLUS;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.QUOTED;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RANGEEX_END;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RANGEEX_START;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RANGEIN_END;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RANGEIN_START;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RANGE_GOOP;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RANGE_QUOTED;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RANGE_TO;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.RPAREN;
import static org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParserConstants.TERM;

import io.agent7.query.QueryException;
import io.agent7.query.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.queryparser.flexible.standard.parser.ParseException;
import org.apache.lucene.queryparser.flexible.standard.parser.Token;

/**
 * Lucene's parse errors as QueryExceptions. Lucene's own message says only "cannot parse"
 * (the exception's query overwrites its detail), but the exception keeps the offending
 * token and what the grammar expected there; a bad escape comes with neither, so the
 * escapes are read again to find it.
 */
final class SyntaxErrors {

    private SyntaxErrors() {}

    static QueryException of(ParseException e, Tokens tokens) {
        Token current = e.currentToken;
        if (current == null || current.next == null) {
            return badEscape(tokens);
        }
        Token bad = current.next;
        String expected = expected(e);
        if (bad.kind == EOF) {
            return endsEarly(current, tokens, expected);
        }
        Span span = Span.of(bad.beginColumn, bad.endColumn);
        String at = " at offset " + bad.beginColumn;
        if ("@".equals(bad.image)) {
            return LuceneSyntax.error(
                    span,
                    "'@'" + at + " cannot start a field name: escape it (\\@timestamp); joins are written"
                            + " $type:(field:value)",
                    expected);
        }
        if (bad.kind == RPAREN && depthBefore(tokens, bad.beginColumn) == 0) {
            return LuceneSyntax.error(span, "')'" + at + " closes no group", expected);
        }
        if (current.kind == OP_COLON
                && (bad.kind == AND || bad.kind == OR || bad.kind == NOT || bad.kind == MINUS || bad.kind == PLUS)) {
            String example = bad.image.length() == 1 ? bad.image + "5" : bad.image;
            return LuceneSyntax.error(
                    span,
                    "A value cannot start with '" + bad.image + "'" + at + ": escape it (\\" + example
                            + ") or quote the value (\"" + example + "\")",
                    "a value");
        }
        return LuceneSyntax.error(span, "Unexpected '" + bad.image + "'" + at, expected);
    }

    private static QueryException endsEarly(Token last, Tokens tokens, String expected) {
        List<Lexeme> all = tokens.all();
        Lexeme unclosed = null;
        List<Lexeme> open = new ArrayList<>();
        for (Lexeme t : all) {
            if (t.kind() == LPAREN) {
                open.add(t);
            } else if (t.kind() == RPAREN && !open.isEmpty()) {
                open.remove(open.size() - 1);
            } else if (t.is(RANGEIN_START, RANGEEX_START)) {
                unclosed = t;
            } else if (t.is(RANGEIN_END, RANGEEX_END)) {
                unclosed = null;
            }
        }
        if (unclosed != null) {
            return LuceneSyntax.error(
                    Span.of(unclosed.start(), tokens.text().length()),
                    "The range at offset " + unclosed.start() + " is not closed",
                    "a range such as field:[a TO b] or field:{a TO b}");
        }
        if (!open.isEmpty()) {
            Lexeme paren = open.get(open.size() - 1);
            return LuceneSyntax.error(paren.span(), "'(' at offset " + paren.start() + " is not closed", "')'");
        }
        Span span = Span.of(last.beginColumn, last.endColumn);
        return LuceneSyntax.error(
                span, "The query ends too early, after '" + last.image + "' at offset " + last.beginColumn, expected);
    }

    private static int depthBefore(Tokens tokens, int offset) {
        int depth = 0;
        for (Lexeme t : tokens.all()) {
            if (t.start() >= offset) {
                break;
            }
            depth += t.kind() == LPAREN ? 1 : t.kind() == RPAREN ? -1 : 0;
        }
        return depth;
    }

    /** A term whose escapes Lucene could not undo: {@code \}{@code u} not followed by four hex digits, or a trailing {@code \}. */
    private static QueryException badEscape(Tokens tokens) {
        for (Lexeme t : tokens.all()) {
            if (!t.is(TERM, QUOTED, RANGE_GOOP, RANGE_QUOTED)) {
                continue;
            }
            String image = t.image();
            for (int i = 0; i < image.length(); i++) {
                if (image.charAt(i) != '\\') {
                    continue;
                }
                int at = t.start() + i;
                boolean quotedEnd = t.is(QUOTED, RANGE_QUOTED) && i == image.length() - 2;
                if (i == image.length() - 1 || quotedEnd) {
                    return LuceneSyntax.error(
                            Span.of(at, at + 1),
                            "The '\\' at offset " + at + " escapes nothing: write '\\\\' for a backslash",
                            "a character after '\\'");
                }
                if (image.charAt(i + 1) == 'u' && !image.substring(i + 2).matches("(?s)[0-9a-fA-F]{4}.*")) {
                    return LuceneSyntax.error(
                            Span.of(at, Math.min(at + 6, t.end())),
                            "'\\u' at offset " + at + " starts a unicode escape, which needs four hex digits"
                                    + " (\\u00e9): write '\\\\' for a backslash (C\\:\\\\Users)",
                            "\\u and four hex digits, or \\\\ for a backslash");
                }
                i += 1;
            }
        }
        return LuceneSyntax.error(Span.NONE, "Lucene cannot parse the query", null);
    }

    /** What the grammar would have taken, in words; the constructs Agent7 refuses are left out. */
    private static String expected(ParseException e) {
        if (e.expectedTokenSequences == null) {
            return null;
        }
        Set<String> words = new LinkedHashSet<>();
        for (int[] sequence : e.expectedTokenSequences) {
            if (sequence.length > 0) {
                String word = word(sequence[0]);
                if (word != null) {
                    words.add(word);
                }
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        List<String> list = List.copyOf(words);
        String last = list.get(list.size() - 1);
        return switch (list.size()) {
            case 1 -> last;
            case 2 -> list.get(0) + " or " + last;
            default -> "one of " + String.join(", ", list.subList(0, list.size() - 1)) + " or " + last;
        };
    }

    private static String word(int kind) {
        return switch (kind) {
            case EOF -> "the end of the query";
            case AND -> "AND";
            case OR -> "OR";
            case NOT -> "NOT";
            case PLUS -> "'+'";
            case MINUS -> "'-'";
            case LPAREN -> "'('";
            case RPAREN -> "')'";
            case OP_COLON -> "':'";
            case OP_EQUAL -> "'='";
            case OP_LESSTHAN, OP_LESSTHANEQ, OP_MORETHAN, OP_MORETHANEQ -> "'<', '<=', '>' or '>='";
            case QUOTED -> "a quoted phrase";
            case TERM, NUMBER -> "a term";
            case RANGEIN_START, RANGEEX_START -> "a range ([a TO b])";
            case RANGE_TO -> "TO";
            case RANGE_GOOP, RANGE_QUOTED -> "a range bound";
            case RANGEIN_END -> "']'";
            case RANGEEX_END -> "'}'";
            default -> null;
        };
    }
}
