package io.agent7.query.request;

import static io.agent7.query.request.QueryOptions.AS_JSON;
import static io.agent7.query.request.QueryOptions.CURSOR;
import static io.agent7.query.request.QueryOptions.DISTINCT;
import static io.agent7.query.request.QueryOptions.EXC_FIELDS;
import static io.agent7.query.request.QueryOptions.FIELDS;
import static io.agent7.query.request.QueryOptions.FORMAT;
import static io.agent7.query.request.QueryOptions.GETCOUNT;
import static io.agent7.query.request.QueryOptions.GROUPBY;
import static io.agent7.query.request.QueryOptions.LIMIT;
import static io.agent7.query.request.QueryOptions.OFFSET;
import static io.agent7.query.request.QueryOptions.ORDERBY;

import io.agent7.query.QueryException;
import io.agent7.query.Span;
import io.agent7.query.Suggestions;
import io.agent7.query.request.Parts.Part;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Parses {@link QueryOptions}; one instance per request. */
final class OptionParser {

    /** What every cursor this project issues is written in: base64url. */
    private static final Pattern CURSOR_TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    private static final String DOCUMENT_ID = "_id";

    private final Map<String, String> given = new LinkedHashMap<>();
    private final DataType type;
    private final Limits limits;
    private final FieldNames names;

    OptionParser(Map<String, List<String>> parameters, DataType type, Limits limits) {
        this.type = type;
        this.limits = limits;
        this.names = new FieldNames(type);
        parameters.forEach((name, values) -> {
            if (!QueryOptions.PARAMETERS.contains(name)) {
                return;
            }
            List<String> set = values.stream().filter(v -> !v.isBlank()).toList();
            if (set.size() > 1) {
                throw new QueryException(
                        name,
                        "'" + name + "' is given " + set.size() + " times; give it once",
                        Span.NONE,
                        "one " + name + " parameter",
                        List.of());
            }
            if (set.size() == 1) {
                given.put(name, set.get(0));
            }
        });
    }

    QueryOptions parse() {
        Format format = format();
        boolean count = given.containsKey(GETCOUNT) && flag(GETCOUNT);
        Answer answer = answer(format, count);
        if (count && answer == Answer.EXPORT) {
            throw doesNotApply(GETCOUNT, answer);
        }
        for (String option : given.keySet()) {
            if (!option.equals(FORMAT)
                    && !option.equals(AS_JSON)
                    && !option.equals(GETCOUNT)
                    && !answer.accepts(option)) {
                throw doesNotApply(option, answer);
            }
        }
        String cursor = cursor();
        if (cursor != null && given.containsKey(OFFSET)) {
            throw new QueryException(
                    OFFSET,
                    "offset does not apply with a cursor: a cursor carries its own position",
                    whole(OFFSET),
                    "offset or cursor, not both",
                    List.of());
        }
        int limit = limit(answer, cursor != null);
        int offset = cursor == null && answer == Answer.PAGE ? offset(limit) : 0;
        boolean documents = answer == Answer.PAGE || answer == Answer.EXPORT;
        return new QueryOptions(
                answer,
                format,
                documents ? sort() : List.of(),
                documents ? new FieldSelection(selection(FIELDS), selection(EXC_FIELDS)) : FieldSelection.ALL,
                offset,
                limit,
                cursor,
                answer == Answer.GROUPS ? groupBy() : answer == Answer.DISTINCT ? List.of(distinct()) : List.of());
    }

    /** In the order {@link Answer} gives. */
    private Answer answer(Format format, boolean count) {
        if (format.exports()) {
            return Answer.EXPORT;
        }
        if (count) {
            return Answer.COUNT;
        }
        if (given.containsKey(GROUPBY)) {
            return Answer.GROUPS;
        }
        return given.containsKey(DISTINCT) ? Answer.DISTINCT : Answer.PAGE;
    }

    static void rejectUnknown(Collection<String> parameters, Collection<String> alsoAccepted) {
        Set<String> known = new TreeSet<>(QueryOptions.PARAMETERS);
        known.addAll(alsoAccepted);
        for (String name : parameters) {
            if (!known.contains(name)) {
                List<String> nearest = Suggestions.nearest(name, known);
                throw new QueryException(
                        name,
                        "Unknown parameter '" + name + "'"
                                + (nearest.isEmpty() ? "" : "; did you mean " + String.join(", ", nearest) + "?"),
                        Span.NONE,
                        "one of " + String.join(", ", known),
                        nearest);
            }
        }
    }

    private Format format() {
        String asJson = given.get(AS_JSON);
        if (asJson != null && !asJson.strip().equalsIgnoreCase("true")) {
            throw new QueryException(
                    AS_JSON,
                    "as_json takes only true (answers are JSON unless format= asks for csv or ndjson); got '" + asJson
                            + "'",
                    whole(AS_JSON),
                    "true",
                    List.of());
        }
        String raw = given.get(FORMAT);
        if (raw == null) {
            return Format.JSON;
        }
        String name = raw.strip().toLowerCase(Locale.ROOT);
        for (Format format : Format.values()) {
            if (format.parameterValue().equals(name)) {
                if (asJson != null && format != Format.JSON) {
                    throw new QueryException(
                            AS_JSON,
                            "as_json=true asks for JSON and format=" + name + " for " + name + "; give one of them",
                            whole(AS_JSON),
                            "as_json or format, not both",
                            List.of());
                }
                return format;
            }
        }
        List<String> choices =
                List.of(Format.JSON.parameterValue(), Format.CSV.parameterValue(), Format.NDJSON.parameterValue());
        throw new QueryException(
                FORMAT,
                "Unknown format '" + raw + "'; formats: " + String.join(", ", choices),
                whole(FORMAT),
                "json, csv or ndjson",
                Suggestions.nearest(raw, choices));
    }

    private boolean flag(String name) {
        return switch (given.get(name).strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default ->
                throw new QueryException(
                        name,
                        name + " takes true or false; got '" + given.get(name) + "'",
                        whole(name),
                        "true or false",
                        List.of());
        };
    }

    private String cursor() {
        String raw = given.get(CURSOR);
        if (raw == null) {
            return null;
        }
        String cursor = raw.strip();
        if (!cursor.equals(QueryOptions.CURSOR_START)
                && !CURSOR_TOKEN.matcher(cursor).matches()) {
            throw new QueryException(
                    CURSOR,
                    "Not a cursor: '" + abbreviated(raw) + "'",
                    whole(CURSOR),
                    "* to start paging, or the next_cursor of the answer before",
                    List.of());
        }
        return cursor;
    }

    private int limit(Answer answer, boolean byCursor) {
        return switch (answer) {
            case COUNT -> 0;
            case EXPORT -> integer(LIMIT, 0, Integer.MAX_VALUE, Integer.MAX_VALUE);
            // A page of nothing would hand back the same cursor forever.
            case GROUPS, DISTINCT -> integer(LIMIT, 1, limits.maxWindow(), limits.defaultLimit());
            case PAGE -> integer(LIMIT, byCursor ? 1 : 0, limits.maxWindow(), limits.defaultLimit());
        };
    }

    private int offset(int limit) {
        int offset = integer(OFFSET, 0, limits.maxWindow(), 0);
        if (offset + limit > limits.maxWindow()) {
            throw new QueryException(
                    OFFSET,
                    "offset + limit may not exceed " + limits.maxWindow() + " (got " + offset + " + " + limit
                            + "); page deeper with cursor=*",
                    whole(OFFSET),
                    "offset + limit of at most " + limits.maxWindow()
                            + ", or cursor=* to page through any number of documents",
                    List.of());
        }
        return offset;
    }

    private int integer(String name, int min, int max, int absent) {
        String raw = given.get(name);
        if (raw == null) {
            return absent;
        }
        String expected = max == Integer.MAX_VALUE
                ? "a whole number of at least " + min
                : "a whole number from " + min + " to " + max;
        long n;
        try {
            n = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new QueryException(
                    name, name + " must be " + expected + "; got '" + raw + "'", whole(name), expected, List.of());
        }
        if (n < min || n > max) {
            throw new QueryException(
                    name, name + " must be " + expected + "; got " + n, whole(name), expected, List.of());
        }
        return (int) n;
    }

    private List<SortKey> sort() {
        String raw = given.get(ORDERBY);
        if (raw == null) {
            return List.of(new SortKey(CommonFields.TIMESTAMP, false));
        }
        List<SortKey> keys = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Part key : Parts.nonEmpty(raw, ';', 0)) {
            SortKey parsed = sortKey(key);
            if (!seen.add(parsed.field())) {
                throw new QueryException(
                        ORDERBY,
                        "'" + parsed.field() + "' is in orderby twice",
                        key.span(),
                        "each field once",
                        List.of());
            }
            keys.add(parsed);
        }
        if (keys.isEmpty()) {
            throw new QueryException(ORDERBY, "orderby names no field", whole(ORDERBY), sortSyntax(), List.of());
        }
        return keys;
    }

    /** {@code field}, {@code -field} or {@code field,asc|desc}. */
    private SortKey sortKey(Part key) {
        List<Part> pieces = Parts.split(key.text(), ',', key.span().start());
        if (pieces.size() > 2) {
            throw new QueryException(
                    ORDERBY, "Cannot read '" + key.text() + "' in orderby", key.span(), sortSyntax(), List.of());
        }
        Part field = pieces.get(0);
        boolean minus = field.text().startsWith("-");
        if (minus) {
            field = field.from(1);
        }
        if (field.text().isEmpty()) {
            throw new QueryException(
                    ORDERBY, "'" + key.text() + "' in orderby names no field", key.span(), sortSyntax(), List.of());
        }
        boolean descending = minus;
        if (pieces.size() == 2) {
            Part direction = pieces.get(1);
            if (minus) {
                throw new QueryException(
                        ORDERBY,
                        "'" + key.text() + "' gives its direction twice; write -" + field.text() + " or " + field.text()
                                + ",desc",
                        key.span(),
                        sortSyntax(),
                        List.of());
            }
            switch (direction.text().toLowerCase(Locale.ROOT)) {
                case "asc" -> descending = false;
                case "desc" -> descending = true;
                default ->
                    throw new QueryException(
                            ORDERBY,
                            "Unknown direction '" + direction.text() + "' in orderby",
                            direction.span(),
                            "asc or desc",
                            Suggestions.nearest(direction.text(), "asc", "desc"));
            }
        }
        return new SortKey(names.orderable(field.text(), ORDERBY, field.span()), descending);
    }

    private static String sortSyntax() {
        return "field, -field or field,asc|desc; several separated by ';'";
    }

    private List<String> selection(String parameter) {
        String raw = given.get(parameter);
        if (raw == null) {
            return List.of();
        }
        Set<String> fields = new LinkedHashSet<>();
        for (Part name : Parts.nonEmpty(raw, ',', 0)) {
            // Every document carries its id whatever the fields; naming it is harmless.
            if (!name.text().equals(DOCUMENT_ID)) {
                fields.add(names.selectable(name.text(), parameter, name.span()));
            }
        }
        return List.copyOf(fields);
    }

    private List<String> groupBy() {
        List<String> fields = new ArrayList<>();
        for (Part name : Parts.nonEmpty(given.get(GROUPBY), ',', 0)) {
            String field = names.orderable(name.text(), GROUPBY, name.span());
            if (fields.contains(field)) {
                throw new QueryException(
                        GROUPBY, "'" + field + "' is in groupby twice", name.span(), "each field once", List.of());
            }
            fields.add(field);
        }
        if (fields.isEmpty()) {
            throw new QueryException(GROUPBY, "groupby names no field", whole(GROUPBY), "field[,field...]", List.of());
        }
        return fields;
    }

    private String distinct() {
        String raw = given.get(DISTINCT);
        if (raw.indexOf(',') >= 0) {
            throw new QueryException(
                    DISTINCT,
                    "distinct takes one field; groupby=" + raw.strip() + " counts each combination",
                    whole(DISTINCT),
                    "one field",
                    List.of());
        }
        Part field = Parts.nonEmpty(raw, ',', 0).get(0);
        return names.orderable(field.text(), DISTINCT, field.span());
    }

    private QueryException doesNotApply(String option, Answer answer) {
        List<String> takes = new ArrayList<>(new TreeSet<>(answer.options()));
        return new QueryException(
                option,
                option + " does not apply to " + answer.description(),
                whole(option),
                takes.isEmpty()
                        ? "only filter and state with " + answer.description()
                        : "with " + answer.description() + ": " + String.join(", ", takes),
                List.of());
    }

    private Span whole(String parameter) {
        String raw = given.get(parameter);
        return raw == null ? Span.NONE : Span.of(0, raw.length());
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
