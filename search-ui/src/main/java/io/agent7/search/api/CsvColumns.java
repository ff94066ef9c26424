package io.agent7.search.api;

import io.agent7.query.request.FieldSelection;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The columns of a CSV export, after {@code _id}. With {@code fields=}, those fields in the
 * order asked, an object standing for the fields under it; without, every field of the type
 * (the common ones first, then the type's own, in schema order) that some document of the
 * index has a value for, so that a Linux fleet's export has no empty Windows columns. Either
 * way without what {@code exc_fields=} leaves out. A nested field is one column (its objects
 * as JSON); aliases are not columns, their fields are.
 */
final class CsvColumns {

    private CsvColumns() {}

    /** @param withValues the fields that have a value in the index; asked only when no fields are named */
    static List<String> of(DataType type, FieldSelection fields, Supplier<Set<String>> withValues) {
        Set<String> columns = new LinkedHashSet<>();
        if (fields.includes().isEmpty()) {
            Set<String> present = withValues.get();
            for (String field : fields(type)) {
                if (present.contains(field) || present.stream().anyMatch(p -> p.startsWith(field + "."))) {
                    columns.add(field);
                }
            }
        } else {
            for (String name : fields.includes()) {
                Field field = type.field(name);
                if (field != null && !isObjectWithFields(type, field)) {
                    columns.add(name);
                } else {
                    fields(type).stream().filter(f -> f.startsWith(name + ".")).forEach(columns::add);
                }
            }
        }
        columns.removeIf(column -> !fields.selects(column));
        return List.copyOf(columns);
    }

    /** The fields that are columns when none are named: no alias, nothing inside a nested field, no object that has fields of its own. */
    private static List<String> fields(DataType type) {
        List<String> names = new ArrayList<>();
        for (Field field : type.allFields().values()) {
            if (!field.isAlias() && !type.insideNested(field) && !isObjectWithFields(type, field)) {
                names.add(field.name());
            }
        }
        return names;
    }

    private static boolean isObjectWithFields(DataType type, Field field) {
        return field.type() == FieldType.OBJECT
                && type.allFields().keySet().stream().anyMatch(n -> n.startsWith(field.name() + "."));
    }
}
