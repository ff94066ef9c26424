package io.agent7.query.bind;

import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import io.agent7.query.Suggestions;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import io.agent7.schema.Relation;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Binds a syntax tree to a data type: resolves each field and alias against the schema,
 * types each value by its field, resolves joins to the schema's relations, and reports what
 * does not fit with the span it came from. Relative times are resolved against the clock
 * once per bind, so one query means one instant everywhere in it.
 */
public final class Binder {

    private static final Pattern IP_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern CIDR = Pattern.compile("([0-9A-Fa-f:.]+)/(\\d{1,3})");
    private static final String DATE_FORMS =
            "a date: 2026-11-28, 2026-11-28T10:00:00Z, epoch milliseconds, '2 months ago', 'last week', 'now-7d'";

    private final Schema schema;
    private final Clock clock;
    private final Expr related;

    public Binder(Schema schema, Clock clock) {
        this(schema, clock, null);
    }

    private Binder(Schema schema, Clock clock, Expr related) {
        this.schema = schema;
        this.clock = clock;
        this.related = related;
    }

    /**
     * A binder that also requires {@code condition} of every related document a join looks
     * at: {@code agent7.present,eq,true}, so that a join sees what is on the hosts now, as the
     * primary side does.
     */
    public Binder relatedMustMatch(Expr condition) {
        return new Binder(schema, clock, condition);
    }

    /**
     * @param parameter the request parameter the query came from, for errors
     */
    public Bound bind(Expr expr, DataType type, String parameter) {
        return new Binding(type, parameter).bind(expr);
    }

    private final class Binding {
        private final DataType type;
        private final String parameter;

        Binding(DataType type, String parameter) {
            this.type = type;
            this.parameter = parameter;
        }

        Bound bind(Expr expr) {
            if (expr instanceof Expr.And and) {
                return and.children().isEmpty()
                        ? new Bound.All()
                        : new Bound.And(and.children().stream().map(this::bind).toList());
            }
            if (expr instanceof Expr.Or or) {
                return or.children().isEmpty()
                        ? new Bound.None()
                        : new Bound.Or(or.children().stream().map(this::bind).toList());
            }
            if (expr instanceof Expr.Not not) {
                return new Bound.Not(bind(not.child()));
            }
            if (expr instanceof Expr.Join join) {
                return join(join);
            }
            return comparison((Expr.Comparison) expr);
        }

        private Bound join(Expr.Join join) {
            List<Bound.Target> targets = new ArrayList<>();
            for (String name : join.types()) {
                DataType related = schema.find(name)
                        .orElseThrow(() -> error(
                                "Unknown type '" + name + "' in models=",
                                join.typesSpan(),
                                "a type related to " + type.name() + ": " + relatedNames(),
                                Suggestions.nearest(name, typeNames())));
                List<Relation> relations = schema.relationsBetween(type, related);
                if (relations.isEmpty()) {
                    throw error(
                            "'" + type.name() + "' and '" + related.name() + "' are not related",
                            join.typesSpan(),
                            "a type related to " + type.name() + ": " + relatedNames(),
                            List.of());
                }
                Expr filter =
                        Binder.this.related == null ? join.filter() : Expr.and(join.filter(), Binder.this.related);
                Bound bound = new Binding(related, parameter).bind(filter);
                for (Relation relation : relations) {
                    targets.add(new Bound.Target(related, relation, bound));
                }
            }
            return new Bound.Join(targets, join.negated(), join.span());
        }

        private String relatedNames() {
            List<String> names = schema.relations().stream()
                    .filter(r -> r.involves(type.name()))
                    .map(r -> r.left().equals(type.name()) ? r.right() : r.left())
                    .distinct()
                    .toList();
            return names.isEmpty() ? "none" : String.join(", ", names);
        }

        private List<String> typeNames() {
            List<String> names = new ArrayList<>();
            for (DataType t : schema.types()) {
                names.add(t.name());
                names.addAll(t.aliases());
            }
            return names;
        }

        private Bound comparison(Expr.Comparison c) {
            Bound.FieldRef field = resolve(c.field(), c.fieldSpan().known() ? c.fieldSpan() : c.span());
            FieldType kind = field.field().type();
            return switch (c.op()) {
                case EXISTS -> {
                    boolean exists = c.values().isEmpty() || bool(c.value(), c);
                    Bound e = new Bound.Exists(field, c.span());
                    yield exists ? e : new Bound.Not(e);
                }
                case MISSING -> new Bound.Not(new Bound.Exists(field, c.span()));
                case EQ -> equality(field, c, c.values());
                case NE -> new Bound.Not(equality(field, c, c.values()));
                case IN -> equality(field, c, c.values());
                case NOT_IN -> new Bound.Not(equality(field, c, c.values()));
                case CIDR -> {
                    if (kind != FieldType.IP) {
                        throw error(
                                "'cidr' works on ip fields; '" + c.field() + "' is " + kind.mappingName(),
                                c.span(),
                                "an ip field",
                                List.of());
                    }
                    yield new Bound.Equals(
                            field,
                            c.values().stream().<Object>map(v -> cidr(v, c)).toList(),
                            false,
                            c.span());
                }
                case LIKE -> pattern(field, c, c.value(), fold(field));
                case ILIKE -> pattern(field, c, c.value(), true);
                case NOT_LIKE -> new Bound.Not(pattern(field, c, c.value(), fold(field)));
                case STARTS_WITH -> pattern(field, c, escape(c.value()) + "*", fold(field));
                case ENDS_WITH -> pattern(field, c, "*" + escape(c.value()), fold(field));
                case CONTAINS -> pattern(field, c, "*" + escape(c.value()) + "*", fold(field));
                case GT, GE, LT, LE -> range(field, c);
            };
        }

        private Bound equality(Bound.FieldRef field, Expr.Comparison c, List<String> raw) {
            FieldType kind = field.field().type();
            if (kind == FieldType.TEXT) {
                List<Bound> phrases = raw.stream()
                        .<Bound>map(v -> new Bound.Phrase(field, v, c.span()))
                        .toList();
                return phrases.size() == 1 ? phrases.get(0) : new Bound.Or(phrases);
            }
            List<Object> values = raw.stream().map(v -> typed(field, v, c)).toList();
            return new Bound.Equals(field, values, fold(field), c.span());
        }

        private Bound pattern(Bound.FieldRef field, Expr.Comparison c, String pattern, boolean fold) {
            if (field.field().type() != FieldType.KEYWORD) {
                throw error(
                        "'" + c.op().token() + "' works on text kept as keyword; '" + c.field() + "' is "
                                + field.field().type().mappingName(),
                        c.span(),
                        "eq, ne, gt, ge, lt, le, in or exists on this field",
                        List.of());
            }
            return new Bound.Pattern(field, pattern, fold, c.span());
        }

        private Bound range(Bound.FieldRef field, Expr.Comparison c) {
            FieldType kind = field.field().type();
            if (kind == FieldType.BOOLEAN) {
                throw error(
                        "'" + c.field() + "' is a boolean; compare it with eq or ne", c.span(), "eq or ne", List.of());
            }
            if (kind == FieldType.TEXT || kind == FieldType.FLATTENED || kind == FieldType.NESTED) {
                throw error(
                        "'" + c.field() + "' is " + kind.mappingName() + " and has no order",
                        c.span(),
                        "eq, like or exists on this field",
                        List.of());
            }
            Object value = typed(field, c.value(), c);
            return switch (c.op()) {
                case GT -> new Bound.Range(field, value, false, null, false, c.span());
                case GE -> new Bound.Range(field, value, true, null, false, c.span());
                case LT -> new Bound.Range(field, null, false, value, false, c.span());
                default -> new Bound.Range(field, null, false, value, true, c.span());
            };
        }

        /** The field by name, following aliases; unknown names get the nearest ones and the type's fields. */
        Bound.FieldRef resolve(String name, Span span) {
            Field field = type.field(name);
            if (field == null) {
                List<String> names = new ArrayList<>(type.allFields().keySet());
                throw new QueryException(
                        parameter,
                        "Unknown field '" + name + "' for type '" + type.name() + "'",
                        span,
                        "a field of " + type.name(),
                        Suggestions.nearest(name, names),
                        names);
            }
            Field target = field.isAlias() ? type.field(field.aliasOf()) : field;
            return new Bound.FieldRef(target.name(), target, nestedPath(target));
        }

        private String nestedPath(Field field) {
            if (!type.insideNested(field)) {
                return null;
            }
            return type.allFields().values().stream()
                    .filter(f -> f.type() == FieldType.NESTED && field.name().startsWith(f.name() + "."))
                    .map(Field::name)
                    .reduce((a, b) -> a.length() >= b.length() ? a : b)
                    .orElse(null);
        }

        private Object typed(Bound.FieldRef ref, String raw, Expr.Comparison c) {
            Field field = ref.field();
            String v = raw.trim();
            return switch (field.type()) {
                case LONG, INTEGER, SHORT, BYTE -> {
                    try {
                        yield new BigDecimal(v).toBigIntegerExact().longValueExact();
                    } catch (ArithmeticException | NumberFormatException e) {
                        throw wrongValue(c, raw, field, "a whole number");
                    }
                }
                case DOUBLE, FLOAT -> {
                    try {
                        double d = Double.parseDouble(v);
                        if (Double.isNaN(d) || Double.isInfinite(d)) {
                            throw new NumberFormatException(v);
                        }
                        yield d;
                    } catch (NumberFormatException e) {
                        throw wrongValue(c, raw, field, "a number");
                    }
                }
                case BOOLEAN -> bool(v, c);
                case DATE -> {
                    Instant instant =
                            TimeExpressions.parse(v, clock).orElseThrow(() -> wrongValue(c, raw, field, DATE_FORMS));
                    yield Values.formatDate(instant);
                }
                case IP -> CIDR.matcher(v).matches() ? cidr(v, c) : ip(v, c, field);
                default -> raw;
            };
        }

        private String ip(String v, Expr.Comparison c, Field field) {
            if (!IP_CHARS.matcher(v).matches() || !validIp(v)) {
                throw wrongValue(c, v, field, "an IPv4 or IPv6 address, or a CIDR range such as 10.0.0.0/8");
            }
            return v;
        }

        private String cidr(String raw, Expr.Comparison c) {
            String v = raw.trim();
            var m = CIDR.matcher(v);
            if (!m.matches() || !validIp(m.group(1))) {
                throw error(
                        "'" + raw + "' is not a CIDR range",
                        c.span(),
                        "a CIDR range such as 10.0.0.0/8 or fd00::/8",
                        List.of());
            }
            int bits = Integer.parseInt(m.group(2));
            if (bits > (m.group(1).contains(":") ? 128 : 32)) {
                throw error(
                        "'" + raw + "' has more prefix bits than its address",
                        c.span(),
                        "at most /32 for IPv4 and /128 for IPv6",
                        List.of());
            }
            return v;
        }

        private static boolean validIp(String v) {
            // Only literal addresses reach here (the pattern admits no host names), so no lookup happens.
            if (!v.contains(":") && !v.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return false;
            }
            try {
                InetAddress.getByName(v);
                return true;
            } catch (UnknownHostException | IllegalArgumentException e) {
                return false;
            }
        }

        private boolean bool(String raw, Expr.Comparison c) {
            return switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default ->
                    throw error(
                            "'" + c.field() + "," + c.op().token() + "' needs true or false (or 1/0), got '" + raw
                                    + "'",
                            c.span(),
                            "true, false, 1 or 0",
                            List.of());
            };
        }

        private QueryException wrongValue(Expr.Comparison c, String raw, Field field, String wanted) {
            return error(
                    "'" + c.field() + "' is a " + field.type().mappingName() + " field; '" + raw + "' is not " + wanted,
                    c.span(),
                    wanted,
                    List.of());
        }

        private QueryException error(String message, Span span, String expected, List<String> suggestions) {
            return new QueryException(parameter, message, span, expected, suggestions);
        }
    }

    /** Whether comparisons on the field ignore case: keywords the OS compares case-insensitively. */
    static boolean fold(Bound.FieldRef field) {
        return field.field().caseInsensitive() && field.field().type() == FieldType.KEYWORD;
    }

    /** A literal as a wildcard pattern: its {@code *}, {@code ?} and {@code \} escaped. */
    static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 4);
        for (int i = 0; i < literal.length(); i++) {
            char ch = literal.charAt(i);
            if (ch == '*' || ch == '?' || ch == '\\') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
