package io.agent7.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import io.agent7.query.bind.TimeExpressions;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import io.agent7.schema.Values;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Compiles the syntax tree into an Elasticsearch {@code bool} query with the client's typed
 * builders: no query text is ever pasted into {@code query_string}. Each value is typed by
 * its field: dates (absolute or relative), numbers, booleans, IPs and CIDR ranges, keywords.
 *
 * <p>{@code like} matches {@code *} and {@code ?} wildcards case-insensitively; its pattern
 * arrives with a literal {@code *}, {@code ?} or {@code \} escaped by a backslash (see
 * {@link Operator#LIKE}), which is the wildcard query's own escaping, so it goes through as
 * it is. {@code eq} folds case on fields the OS compares case-insensitively.
 */
public final class QueryCompiler {

    private static final Pattern CIDR = Pattern.compile("[0-9A-Fa-f:.]+/\\d{1,3}");

    private final Clock clock;

    public QueryCompiler(Clock clock) {
        this.clock = clock;
    }

    public Query compile(Expr expr, DataType type) {
        if (expr instanceof Expr.And and) {
            return and.children().isEmpty()
                    ? Query.of(q -> q.matchAll(m -> m))
                    : Query.of(q -> q.bool(b -> b.filter(
                            and.children().stream().map(c -> compile(c, type)).toList())));
        }
        if (expr instanceof Expr.Or or) {
            return Query.of(q -> q.bool(b -> b.should(
                            or.children().stream().map(c -> compile(c, type)).toList())
                    .minimumShouldMatch("1")));
        }
        if (expr instanceof Expr.Join) {
            throw new QueryException("filter", "models= is not compiled yet");
        }
        if (expr instanceof Expr.Not not) {
            return not(compile(not.child(), type));
        }
        return comparison((Expr.Comparison) expr, type);
    }

    /** The field by name, following aliases to learn its type; unknown names list the choices. */
    public static Field resolve(String name, DataType type, String parameter) {
        Field field = type.field(name);
        if (field == null) {
            throw new QueryException(
                    parameter,
                    "Unknown field '" + name + "' for type '" + type.name() + "'; fields: "
                            + String.join(", ", type.allFields().keySet()));
        }
        return field.isAlias() ? type.field(field.aliasOf()) : field;
    }

    private Query comparison(Expr.Comparison c, DataType type) {
        Field field = resolve(c.field(), type, "filter");
        String name = c.field();
        return switch (c.op()) {
            case EXISTS -> {
                // exists takes an optional true/false; none means true, as in the original API.
                boolean exists = c.values().isEmpty() || bool(c.value(), c);
                Query q = Query.of(x -> x.exists(e -> e.field(name)));
                yield exists ? q : not(q);
            }
            case EQ -> equals(name, field, c.value(), c);
            case NE -> not(equals(name, field, c.value(), c));
            case IN -> any(name, field, c);
            case NOT_IN -> not(any(name, field, c));
            case LIKE -> like(name, field, c);
            case NOT_LIKE -> not(like(name, field, c));
            case GT, GE, LT, LE -> range(name, field, c);
            default -> throw new QueryException("filter", "'" + c.op().token() + "' is not compiled yet");
        };
    }

    private Query equals(String name, Field field, String raw, Expr.Comparison c) {
        if (field.type() == FieldType.TEXT) {
            return Query.of(q -> q.matchPhrase(m -> m.field(name).query(raw)));
        }
        if (field.type() == FieldType.IP && CIDR.matcher(raw.trim()).matches()) {
            return Query.of(q -> q.term(t -> t.field(name).value(raw.trim())));
        }
        FieldValue value = typed(field, raw, c);
        boolean fold = field.caseInsensitive() && field.type() == FieldType.KEYWORD;
        return Query.of(q -> q.term(t -> t.field(name).value(value).caseInsensitive(fold ? true : null)));
    }

    private Query any(String name, Field field, Expr.Comparison c) {
        if (field.type() == FieldType.KEYWORD && field.caseInsensitive()) {
            return Query.of(q -> q.bool(b -> b.should(c.values().stream()
                            .map(v -> equals(name, field, v, c))
                            .toList())
                    .minimumShouldMatch("1")));
        }
        List<FieldValue> values =
                c.values().stream().map(v -> typed(field, v, c)).toList();
        return Query.of(q -> q.terms(t -> t.field(name).terms(v -> v.value(values))));
    }

    private Query like(String name, Field field, Expr.Comparison c) {
        if (field.type() != FieldType.KEYWORD) {
            throw new QueryException(
                    "filter",
                    "'" + c.op().token() + "' works on text kept as keyword; '" + name + "' is "
                            + field.type().mappingName() + ". Use eq, ne, gt, ge, lt, le or in");
        }
        // The tree's patterns escape a literal *, ? or \ with a backslash, as the wildcard query does.
        return Query.of(q -> q.wildcard(w -> w.field(name).value(c.value()).caseInsensitive(true)));
    }

    private Query range(String name, Field field, Expr.Comparison c) {
        if (field.type() == FieldType.BOOLEAN) {
            throw new QueryException("filter", "'" + name + "' is a boolean; compare it with eq or ne");
        }
        JsonData bound = JsonData.of(typed(field, c.value(), c)._get());
        return Query.of(q -> q.range(r -> r.untyped(u -> {
            u.field(name);
            switch (c.op()) {
                case GT -> u.gt(bound);
                case GE -> u.gte(bound);
                case LT -> u.lt(bound);
                default -> u.lte(bound);
            }
            return u;
        })));
    }

    private FieldValue typed(Field field, String raw, Expr.Comparison c) {
        String v = raw.trim();
        return switch (field.type()) {
            case LONG, INTEGER, SHORT, BYTE -> {
                try {
                    yield FieldValue.of(new BigDecimal(v).toBigIntegerExact().longValueExact());
                } catch (ArithmeticException | NumberFormatException e) {
                    throw wrongValue(c, field, "a whole number");
                }
            }
            case DOUBLE, FLOAT -> {
                try {
                    yield FieldValue.of(Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    throw wrongValue(c, field, "a number");
                }
            }
            case BOOLEAN -> FieldValue.of(bool(v, c));
            case DATE -> {
                Instant instant = TimeExpressions.parse(v, clock)
                        .orElseThrow(
                                () -> wrongValue(
                                        c,
                                        field,
                                        "a date: 2026-11-28, 2026-11-28T10:00:00Z, epoch milliseconds, '2 months ago', 'last week', 'yesterday'"));
                yield FieldValue.of(Values.formatDate(instant));
            }
            case IP -> {
                if (!v.matches("[0-9A-Fa-f:.]+(/\\d{1,3})?")) {
                    throw wrongValue(c, field, "an IPv4 or IPv6 address, or a CIDR range such as 10.0.0.0/8");
                }
                yield FieldValue.of(v);
            }
            default -> FieldValue.of(raw);
        };
    }

    private static boolean bool(String raw, Expr.Comparison c) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default ->
                throw new QueryException(
                        "filter",
                        "'" + c.field() + "," + c.op().token() + "' needs true or false" + " (or 1/0), got '" + raw
                                + "'");
        };
    }

    private static QueryException wrongValue(Expr.Comparison c, Field field, String wanted) {
        return new QueryException(
                "filter",
                "'" + c.field() + "' is a " + field.type().mappingName() + " field; '" + c.value() + "' is not "
                        + wanted);
    }

    private static Query not(Query q) {
        return Query.of(x -> x.bool(b -> b.mustNot(q)));
    }
}
