package io.agent7.query.lucene;

import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import java.util.List;
import org.apache.lucene.queryparser.flexible.core.QueryNodeParseException;
import org.apache.lucene.queryparser.flexible.core.nodes.QueryNode;
import org.apache.lucene.queryparser.flexible.standard.parser.ParseException;
import org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParser;

/**
 * Lucene query syntax (the {@code q} parameter), read by Lucene's own
 * {@link StandardSyntaxParser} into the same tree as the URI filter DSL. Only Lucene's
 * syntax tree is used: no analyser, no Lucene query. docs/QUERY.md ("Lucene syntax") has the whole
 * story; in short:
 *
 * <ul>
 *   <li>{@code field:value} is {@code eq}; a quoted {@code field:"a phrase"} is {@code eq}
 *       with the phrase's text; a value with an unescaped {@code *} or {@code ?} is
 *       {@code like} (the pattern form of {@link io.agent7.query.Operator#LIKE}).
 *   <li>{@code field:[a TO b]} and {@code field:{a TO b}} are {@code ge}/{@code gt} and
 *       {@code le}/{@code lt}, ANDed; {@code *} is an open end, and {@code [* TO *]} is
 *       {@code exists}. {@code field:>=a} (as Elasticsearch writes it) and
 *       {@code field>=a} (as Lucene does) are one-sided ranges.
 *   <li>{@code _exists_:field} is {@code exists}; {@code *:*} matches everything.
 *   <li>{@code AND} ({@code &&}), {@code OR} ({@code ||}), {@code NOT} ({@code !}),
 *       {@code -} and parentheses as in Lucene; {@code +} changes nothing. AND binds
 *       tighter than OR, and <b>clauses side by side are ANDed</b>: {@code a:1 b:2} is
 *       {@code a:1 AND b:2}, and {@code a:1 OR b:2 c:3} is {@code (a:1 OR b:2) AND c:3}.
 *   <li>{@code $tasks,schtasks:(cmd_line:foo AND image:bar)} is a join (see
 *       {@link Joins}): documents with at least one related scheduled task or startup item
 *       that matches the group; {@code NOT}/{@code -} before it asks for none, and
 *       {@code $tasks:*} for any.
 *   <li>A term without a field, fuzziness ({@code ~}), proximity, boosts ({@code ^}),
 *       regular expressions ({@code /.../}), interval functions and minimum should match
 *       are refused with a QueryException that names the construct and where it is.
 * </ul>
 *
 * <p>Escapes are Lucene's: a backslash makes the next character literal ({@code \:},
 * {@code \\}, {@code \*}, {@code \ }), and {@code \}{@code u} with four hex digits is a
 * unicode character, so {@code C:\Program Files\*} is written {@code C\:\\Program\ Files\\*}.
 */
public final class LuceneSyntax {

    /** The request parameter every error names. */
    static final String PARAMETER = "q";

    private LuceneSyntax() {}

    /** Parses the {@code q} parameter; an empty one matches everything (an empty And). */
    public static Expr parse(String q) {
        Tokens tokens = Tokens.lex(q).withRangeColonsBlanked();
        if (tokens.empty()) {
            return new Expr.And(List.of(), Span.NONE);
        }
        Unsupported.refuse(tokens);
        QueryNode root;
        try {
            root = new StandardSyntaxParser().parse(tokens.text(), "");
        } catch (ParseException e) {
            throw SyntaxErrors.of(e, tokens);
        } catch (QueryNodeParseException e) {
            // What Lucene's parser wraps an Error in: the text has lexed already, so this is
            // not a lexical error, and Lucene's message says no more than this one.
            throw error(Span.NONE, "Lucene cannot parse the query", null);
        }
        return new ExprBuilder(tokens, root).build(root, null);
    }

    static QueryException error(Span span, String message, String expected) {
        return new QueryException(PARAMETER, message, span, expected, List.of());
    }
}
