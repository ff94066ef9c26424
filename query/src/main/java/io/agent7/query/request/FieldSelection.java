package io.agent7.query.request;

import java.util.List;

/**
 * Which {@code _source} fields documents come back with ({@code fields=} and
 * {@code exc_fields=}). Names are the fields' own (aliases resolved) or objects such as
 * {@code process}, which stand for every field under them.
 *
 * @param includes the fields to return, in the order asked; empty for all
 * @param excludes the fields to leave out, applied after {@code includes}
 */
public record FieldSelection(List<String> includes, List<String> excludes) {

    public static final FieldSelection ALL = new FieldSelection(List.of(), List.of());

    public FieldSelection {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    /** Whether {@code field} is returned: under an include (or no includes at all), and under no exclude. */
    public boolean selects(String field) {
        return (includes.isEmpty() || includes.stream().anyMatch(i -> covers(i, field)))
                && excludes.stream().noneMatch(e -> covers(e, field));
    }

    /** {@code name} is the field itself or an object it is inside. */
    static boolean covers(String name, String field) {
        return field.equals(name) || field.startsWith(name + ".");
    }
}
