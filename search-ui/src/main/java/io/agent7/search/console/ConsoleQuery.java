package io.agent7.search.console;

import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.lucene.LuceneSyntax;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the console's search box holds: a question in the URI filter DSL or in Lucene syntax.
 * The analyst may say which ({@code syntax=dsl|lucene}); otherwise the text is read as the
 * DSL when it parses as the DSL or starts in the DSL's shape (a first clause {@code field,op}
 * or {@code models=}, {@code any(}, ...), whose error is then shown; else as Lucene.
 *
 * @param syntax {@code dsl} or {@code lucene}
 * @param expr   the parsed question, or null when it did not parse
 * @param error  why it did not parse, with the position in {@code text}, or null
 */
public record ConsoleQuery(String text, String syntax, Expr expr, QueryException error) {

    public static final String DSL = "dsl";
    public static final String LUCENE = "lucene";

    private static final Pattern DSL_SHAPE =
            Pattern.compile("^\\s*(!?models=|(any|all|not)\\(|[^\\s:,()\"]+\\s*,\\s*[A-Za-z]+\\s*(,|;|$))");

    public static ConsoleQuery parse(String text, String syntax) {
        String chosen = syntax == null ? "" : syntax.strip().toLowerCase(Locale.ROOT);
        if (chosen.equals(DSL)) {
            return dsl(text);
        }
        if (chosen.equals(LUCENE)) {
            return lucene(text);
        }
        if (text.isBlank()) {
            return new ConsoleQuery(text, DSL, new Expr.And(List.of()), null);
        }
        ConsoleQuery asDsl = dsl(text);
        if (asDsl.error == null || DSL_SHAPE.matcher(text).find()) {
            // Lucene takes almost any text as terms: a clause in the DSL's shape stays the DSL's, errors and all.
            return asDsl;
        }
        return lucene(text);
    }

    private static ConsoleQuery dsl(String text) {
        try {
            return new ConsoleQuery(text, DSL, FilterDsl.parse(text, "q"), null);
        } catch (QueryException e) {
            return new ConsoleQuery(text, DSL, null, e);
        }
    }

    private static ConsoleQuery lucene(String text) {
        try {
            return new ConsoleQuery(text, LUCENE, LuceneSyntax.parse(text), null);
        } catch (QueryException e) {
            return new ConsoleQuery(text, LUCENE, null, e);
        }
    }

    /** How the page names the syntax it read. */
    public String syntaxName() {
        return syntax.equals(DSL) ? "URI filter DSL" : "Lucene syntax";
    }
}
