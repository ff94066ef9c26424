package io.agent7.query.request;

import io.agent7.query.QueryException;
import io.agent7.query.Span;
import io.agent7.query.Suggestions;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The field names options may use, checked against one data type. Aliases are accepted and
 * resolved to the field they stand for, so that every answer names fields one way.
 */
final class FieldNames {

    /** What orderby, groupby and distinct take, in words. */
    static final String ORDERABLE = "keyword, number, date, ip or boolean fields";

    private final DataType type;

    FieldNames(DataType type) {
        this.type = type;
    }

    /** A field to sort or group by: a single value per document in doc values, not inside a nested field. */
    String orderable(String name, String parameter, Span span) {
        Field field = type.field(name);
        if (field == null) {
            throw unknown(
                    name, parameter, span, "a field of '" + type.name() + "' with " + ORDERABLE, orderableNames());
        }
        Field target = resolved(field);
        if (!orderable(target.type())) {
            throw new QueryException(
                    parameter,
                    "'" + name + "' is a " + target.type().mappingName() + " field; " + parameter + " takes "
                            + ORDERABLE,
                    span,
                    ORDERABLE,
                    List.of());
        }
        if (type.insideNested(target)) {
            throw new QueryException(
                    parameter,
                    "'" + name + "' is inside a nested field (one of many objects per document); " + parameter
                            + " cannot use it",
                    span,
                    "a field outside nested fields, with " + ORDERABLE,
                    List.of());
        }
        return target.name();
    }

    /** A field or an object (every field under it) for {@code fields=} and {@code exc_fields=}. */
    String selectable(String name, String parameter, Span span) {
        Field field = type.field(name);
        if (field != null) {
            return resolved(field).name();
        }
        if (objects().contains(name)) {
            return name;
        }
        List<String> choices = new ArrayList<>(type.allFields().keySet());
        choices.addAll(objects());
        throw unknown(name, parameter, span, "a field of '" + type.name() + "', or an object such as 'host'", choices);
    }

    private QueryException unknown(String name, String parameter, Span span, String expected, List<String> choices) {
        List<String> nearest = Suggestions.nearest(name, choices);
        return new QueryException(
                parameter,
                "Unknown field '" + name + "' in " + parameter + " for type '" + type.name() + "'"
                        + (nearest.isEmpty() ? "" : "; did you mean " + String.join(", ", nearest) + "?"),
                span,
                expected,
                nearest);
    }

    private Field resolved(Field field) {
        return field.isAlias() ? type.field(field.aliasOf()) : field;
    }

    private List<String> orderableNames() {
        return type.allFields().values().stream()
                .filter(f -> orderable(resolved(f).type()) && !type.insideNested(resolved(f)))
                .map(Field::name)
                .toList();
    }

    /** The objects fields are inside: {@code process} and {@code process.hash} for {@code process.hash.md5}. */
    private Set<String> objects() {
        Set<String> objects = new LinkedHashSet<>();
        for (String name : type.allFields().keySet()) {
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                objects.add(name.substring(0, dot));
            }
        }
        return objects;
    }

    private static boolean orderable(FieldType type) {
        return switch (type) {
            case KEYWORD, DATE, LONG, INTEGER, SHORT, BYTE, DOUBLE, FLOAT, BOOLEAN, IP -> true;
            default -> false;
        };
    }
}
