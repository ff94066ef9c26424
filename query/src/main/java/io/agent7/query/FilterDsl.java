package io.agent7.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The URI filter DSL: {@code field,op,value[;field,op,value...]}, all clauses ANDed.
 *
 * <p>The value is everything after the second comma, so it may itself contain commas.
 * {@code in}/{@code notin} take several values separated by {@code |}. A literal {@code ;}
 * or {@code |} inside a value is written {@code \;} or {@code \|}; every other backslash is
 * literal, so Windows paths ({@code C:\Program Files\*}) are written as they are.
 */
public final class FilterDsl {

    private FilterDsl() {}

    public static Expr parse(String filter) {
        List<Expr> clauses = new ArrayList<>();
        for (String clause : split(filter, ';')) {
            if (clause.isBlank()) {
                continue;
            }
            clauses.add(clause(clause));
        }
        if (clauses.isEmpty()) {
            return new Expr.And(List.of());
        }
        return clauses.size() == 1 ? clauses.get(0) : new Expr.And(clauses);
    }

    private static Expr clause(String clause) {
        int first = clause.indexOf(',');
        int second = first < 0 ? -1 : clause.indexOf(',', first + 1);
        if (first < 0) {
            throw new QueryException("filter", "Filter clause '" + clause + "' must be field,operator,value");
        }
        String field = clause.substring(0, first).trim();
        String opText = second < 0 ? clause.substring(first + 1) : clause.substring(first + 1, second);
        String value = second < 0 ? null : clause.substring(second + 1);
        Operator op = Operator.of(opText)
                .orElseThrow(() -> new QueryException(
                        "filter",
                        "Unknown operator '" + opText.trim() + "' in '" + clause + "'; operators: "
                                + Operator.allTokens()));
        if (field.isEmpty()) {
            throw new QueryException("filter", "Filter clause '" + clause + "' names no field");
        }
        if (value == null) {
            if (op != Operator.EXISTS) {
                throw new QueryException("filter", "Filter clause '" + clause + "' has no value");
            }
            value = "true";
        }
        List<String> values = op == Operator.IN || op == Operator.NOT_IN
                ? split(value, '|').stream().map(FilterDsl::unescape).toList()
                : List.of(unescape(value));
        return new Expr.Comparison(field, op, values);
    }

    /** Splits on {@code separator} unless it is escaped with a backslash. */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == separator) {
                current.append('\\').append(separator);
                i++;
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unescape(String value) {
        return value.replace("\\;", ";").replace("\\|", "|");
    }
}
