package io.agent7.query.dsl;

import io.agent7.query.Expr;
import io.agent7.query.Operator;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import io.agent7.query.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The URI filter DSL (docs/QUERY.md has the grammar):
 *
 * <pre>
 * filter  = item *( ";" item )
 * item    = clause | "models=" types | "!models=" types
 * clause  = field "," op [ "," values ] | ( "any" | "all" | "not" ) "(" clause *( ";" clause ) ")"
 * values  = value *( "|" value )          ; several only for in, notin and cidr
 * value   = raw | '"' quoted '"'
 * </pre>
 *
 * <p>A raw value runs to the next {@code ;} (or {@code |} between several values, or the
 * {@code )} closing a group when its own parentheses are balanced); {@code \;}, {@code \|}
 * and {@code \)} put those characters in it, and every other backslash is a plain
 * character, so {@code C:\Program Files\*} is written as it is. In a quoted value {@code ;},
 * {@code |} and {@code )} are plain, and a backslash escapes {@code "}, {@code \}, {@code *}
 * and {@code ?}: {@code "a\*b"} is a literal star.
 *
 * <p>{@code models=a,b} opens a join scope: the clauses after it, up to the next
 * {@code models=}, filter the related types {@code a} and {@code b}; {@code !models=} asks for
 * documents with no such related document; an empty {@code models=} goes back to the
 * primary type.
 *
 * <p>Values of {@code like}, {@code notlike} and {@code ilike} come out as patterns:
 * {@code *} and {@code ?} are wildcards and a literal {@code *}, {@code ?} or {@code \} is
 * escaped with a backslash (the form {@link Expr.Comparison} documents).
 */
public final class FilterDsl {

    private final String text;
    private final String parameter;
    private int pos;

    private FilterDsl(String text, String parameter) {
        this.text = text;
        this.parameter = parameter;
    }

    /** Parses the {@code filter} parameter. */
    public static Expr parse(String filter) {
        return parse(filter, "filter");
    }

    /** Parses filter text given in the named request parameter (errors name it). */
    public static Expr parse(String filter, String parameter) {
        return new FilterDsl(filter, parameter).filter();
    }

    /**
     * {@code value} written as a quoted DSL value, for an {@code eq} or {@code ne} clause a
     * program adds to a filter: {@code ;}, {@code |} and {@code )} in it stay part of it, and
     * {@code "} and {@code \} are escaped.
     */
    public static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Expr filter() {
        List<Expr> primary = new ArrayList<>();
        List<Expr> scope = primary;
        JoinStart join = null;
        while (true) {
            skipSeparators();
            if (eof()) {
                break;
            }
            JoinStart opened = joinStart();
            if (opened != null) {
                if (join != null) {
                    primary.add(join.close(scope, pos));
                }
                join = opened.types.isEmpty() ? null : opened;
                scope = join == null ? primary : new ArrayList<>();
                if (opened.types.isEmpty() && opened.negated) {
                    throw error("'!models=' needs the types to look for", opened.span, "!models=type[,type]");
                }
            } else {
                scope.add(clause(false));
            }
            if (!eof() && peek() != ';') {
                throw error("Expected ';' before '" + rest(12) + "'", Span.of(pos, pos + 1), "';' between clauses");
            }
        }
        if (join != null) {
            primary.add(join.close(scope, text.length()));
        }
        if (primary.size() == 1) {
            return primary.get(0);
        }
        return new Expr.And(primary, primary.isEmpty() ? Span.NONE : Span.of(0, text.length()));
    }

    private record JoinStart(List<String> types, boolean negated, Span span) {
        Expr.Join close(List<Expr> clauses, int end) {
            Expr filter = clauses.size() == 1
                    ? clauses.get(0)
                    : new Expr.And(clauses, clauses.isEmpty() ? Span.NONE : Span.of(span.end(), end));
            return new Expr.Join(types, negated, filter, Span.of(span.start(), Math.max(span.end(), end)), span);
        }
    }

    /** {@code models=a,b} or {@code !models=a,b} at the cursor, consumed; null when there is none. */
    private JoinStart joinStart() {
        int start = pos;
        boolean negated = lookingAt("!models=");
        if (!negated && !lookingAt("models=")) {
            return null;
        }
        pos += negated ? "!models=".length() : "models=".length();
        int typesStart = pos;
        while (!eof() && peek() != ';') {
            pos++;
        }
        List<String> types = new ArrayList<>();
        int at = typesStart;
        for (String part : text.substring(typesStart, pos).split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty() && pos > typesStart) {
                throw error("An empty type name in models=", Span.of(at, at + part.length()), "models=type[,type]");
            }
            if (!name.isEmpty()) {
                types.add(name);
            }
            at += part.length() + 1;
        }
        return new JoinStart(types, negated, Span.of(start, pos));
    }

    private Expr clause(boolean inGroup) {
        int start = pos;
        for (String group : List.of("any(", "all(", "not(")) {
            if (lookingAt(group)) {
                pos += group.length();
                return group(group.substring(0, 3), start);
            }
        }
        if (lookingAt("models=") || lookingAt("!models=")) {
            throw error(
                    "models= opens a join scope at the top level of a filter, not inside a group",
                    Span.of(pos, pos + 7),
                    null);
        }
        int fieldStart = pos;
        while (!eof() && peek() != ',' && !endsClause(inGroup)) {
            pos++;
        }
        String field = text.substring(fieldStart, pos).trim();
        Span fieldSpan = Span.of(fieldStart, pos);
        if (eof() || peek() != ',') {
            throw error(
                    field.isEmpty()
                            ? "A filter clause is empty"
                            : "Filter clause '" + text.substring(start, pos) + "' must be field,operator,value",
                    Span.of(start, Math.max(pos, start + 1)),
                    "field,operator,value");
        }
        if (field.isEmpty()) {
            throw error("Filter clause names no field", Span.of(start, pos + 1), "field,operator,value");
        }
        pos++; // the comma
        int opStart = pos;
        while (!eof() && peek() != ',' && !endsClause(inGroup)) {
            pos++;
        }
        String opText = text.substring(opStart, pos).trim();
        // At least one character wide, so that a console can underline it, but never past the end.
        Span opSpan = Span.of(opStart, Math.min(text.length(), Math.max(pos, opStart + 1)));
        Operator op = Operator.of(opText)
                .orElseThrow(() -> error(
                        opText.isEmpty()
                                ? "Filter clause on '" + field + "' has no operator"
                                : "Unknown operator '" + opText + "' in '" + clauseText(start) + "'",
                        opSpan,
                        "an operator: " + Operator.allTokens(),
                        Suggestions.nearest(opText, Operator.allTokens().split(", "))));
        List<String> values = new ArrayList<>();
        if (!eof() && peek() == ',') {
            pos++;
            values.add(value(op, inGroup));
            while (!eof() && peek() == '|' && op.arity() == Operator.Arity.MANY) {
                pos++;
                values.add(value(op, inGroup));
            }
        }
        Span span = Span.of(start, pos);
        switch (op.arity()) {
            case NONE -> {
                if (!values.isEmpty()) {
                    throw error("'" + op.token() + "' takes no value", span, field + "," + op.token());
                }
            }
            case OPTIONAL -> {
                if (values.size() > 1) {
                    throw error("'" + op.token() + "' takes at most one value", span, "true or false");
                }
            }
            case ONE, MANY -> {
                if (values.isEmpty()) {
                    throw error(
                            "Filter clause '" + text.substring(start, pos) + "' has no value",
                            span,
                            field + "," + op.token() + ",value");
                }
            }
        }
        return new Expr.Comparison(field, op, values, span, fieldSpan);
    }

    private Expr group(String kind, int start) {
        List<Expr> children = new ArrayList<>();
        while (true) {
            while (!eof() && peek() == ';') {
                pos++;
            }
            if (eof()) {
                throw error("'" + kind + "(' is not closed", Span.of(start, start + kind.length() + 1), "')'");
            }
            if (peek() == ')') {
                pos++;
                break;
            }
            children.add(clause(true));
            if (!eof() && peek() != ';' && peek() != ')') {
                throw error("Expected ';' or ')' before '" + rest(12) + "'", Span.of(pos, pos + 1), "';' or ')'");
            }
        }
        Span span = Span.of(start, pos);
        if (children.isEmpty()) {
            throw error("'" + kind + "()' is empty", span, kind + "(clause;clause)");
        }
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "any" -> new Expr.Or(children, span);
            case "all" -> new Expr.And(children, span);
            default -> new Expr.Not(children.size() == 1 ? children.get(0) : new Expr.And(children, span), span);
        };
    }

    /** One value: quoted, or raw up to the next separator. */
    private String value(Operator op, boolean inGroup) {
        boolean pattern = op == Operator.LIKE || op == Operator.NOT_LIKE || op == Operator.ILIKE;
        boolean many = op.arity() == Operator.Arity.MANY;
        StringBuilder out = new StringBuilder();
        int start = pos;
        if (!eof() && peek() == '"') {
            pos++;
            while (true) {
                if (eof()) {
                    throw error("A quoted value is not closed", Span.of(start, text.length()), "a closing '\"'");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && !eof() && "\"\\*?".indexOf(peek()) >= 0) {
                    char escaped = text.charAt(pos++);
                    appendLiteral(out, escaped, pattern);
                } else {
                    appendRaw(out, c, pattern);
                }
            }
            if (!eof() && peek() != ';' && !(many && peek() == '|') && !(inGroup && peek() == ')')) {
                throw error(
                        "Unexpected text after a quoted value", Span.of(pos, pos + 1), "';' after the closing quote");
            }
            return out.toString();
        }
        int depth = 0;
        while (!eof()) {
            char c = peek();
            if (c == '\\' && pos + 1 < text.length() && ";|)".indexOf(text.charAt(pos + 1)) >= 0) {
                appendLiteral(out, text.charAt(pos + 1), pattern);
                pos += 2;
                continue;
            }
            if (c == ';' || (many && c == '|')) {
                break;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0 && inGroup) {
                    break;
                }
                depth = Math.max(0, depth - 1);
            }
            appendRaw(out, c, pattern);
            pos++;
        }
        return out.toString();
    }

    /** A character as written: {@code *} and {@code ?} are wildcards in a pattern. */
    private static void appendRaw(StringBuilder out, char c, boolean pattern) {
        out.append(pattern && c == '\\' ? "\\\\" : String.valueOf(c));
    }

    /** A character that was escaped: always itself, so escaped again in a pattern. */
    private static void appendLiteral(StringBuilder out, char c, boolean pattern) {
        if (pattern && (c == '*' || c == '?' || c == '\\')) {
            out.append('\\');
        }
        out.append(c);
    }

    /** The clause that starts at {@code start}, up to the next {@code ;}, for messages. */
    private String clauseText(int start) {
        int end = text.indexOf(';', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private boolean endsClause(boolean inGroup) {
        char c = peek();
        return c == ';' || (inGroup && c == ')');
    }

    private void skipSeparators() {
        while (!eof() && (peek() == ';' || Character.isWhitespace(peek()))) {
            pos++;
        }
    }

    private boolean lookingAt(String token) {
        return text.regionMatches(true, pos, token, 0, token.length());
    }

    private boolean eof() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private String rest(int max) {
        return text.substring(pos, Math.min(text.length(), pos + max));
    }

    private QueryException error(String message, Span span, String expected) {
        return error(message, span, expected, List.of());
    }

    private QueryException error(String message, Span span, String expected, List<String> suggestions) {
        return new QueryException(parameter, message, span, expected, suggestions);
    }
}
