package io.agent7.query.lucene;

import io.agent7.query.QueryException;
import io.agent7.query.Span;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.queryparser.flexible.standard.parser.EscapeQuerySyntaxImpl;
import org.apache.lucene.queryparser.flexible.standard.parser.ParseException;

/**
 * Joins are written as a group under a field name that starts with {@code $} and lists
 * the related types: {@code $tasks,schtasks:(cmd_line:foo AND image:bar)}. Lucene's
 * {@code @} cannot start a field name without an escape, and ECS already has a field that
 * begins with it ({@code \@timestamp}), so {@code $}, which starts no field, marks a join.
 */
final class Joins {

    static final char MARK = '$';

    private Joins() {}

    static boolean isJoin(String field) {
        return !field.isEmpty() && field.charAt(0) == MARK;
    }

    static boolean isJoin(Lexeme field) {
        return isJoin(name(field));
    }

    /** The related types, as written. */
    static List<String> types(Lexeme field) {
        List<String> types = new ArrayList<>();
        for (String part : name(field).substring(1).split(",", -1)) {
            String type = part.trim();
            if (type.isEmpty()) {
                throw LuceneSyntax.error(
                        field.span(),
                        "The join '" + field.image() + "' at offset " + field.start() + " names an empty type",
                        "$type:(field:value) or $type,type:(field:value)");
            }
            types.add(type);
        }
        return types;
    }

    static QueryException needsGroup(Lexeme field, Span span) {
        String join = field.image();
        return LuceneSyntax.error(
                span,
                "The join " + join + " at offset " + field.start() + " takes a group of clauses: " + join
                        + ":(field:value) for documents with a related one that matches, or " + join
                        + ":* for documents with any",
                join + ":(field:value) or " + join + ":*");
    }

    static QueryException noFieldInside(Lexeme value, Lexeme join) {
        return LuceneSyntax.error(
                value.span(),
                "'" + value.image() + "' at offset " + value.start() + " inside the join " + join.image()
                        + ":(...) has no field of its own: write field:" + value.image(),
                "field:value");
    }

    /** The field name without Lucene's escapes, which the parser has already undone once. */
    static String name(Lexeme field) {
        try {
            return EscapeQuerySyntaxImpl.discardEscapeChar(field.image()).toString();
        } catch (ParseException e) {
            throw new IllegalStateException("Lucene parsed the field name " + field.image() + " it cannot unescape", e);
        }
    }
}
