package io.agent7.schema;

import java.util.List;

/**
 * How documents of two types belong together, for joins: a {@code left} document and a
 * {@code right} document are related when every pair of fields holds the same value
 * (for a multi-valued field: when one of its values is the other's).
 *
 * @param name        a short name, e.g. {@code user_tasks}
 * @param left        the left type's name
 * @param right       the right type's name
 * @param on          the field pairs that must match, left field first
 * @param description one sentence for the docs
 */
public record Relation(String name, String left, String right, List<On> on, String description) {

    /** One pair of fields that must hold the same value. */
    public record On(String leftField, String rightField) {}

    public Relation {
        on = List.copyOf(on);
        if (on.isEmpty()) {
            throw new IllegalArgumentException("Relation '" + name + "' joins on no field");
        }
    }

    /** The relation seen from the other side. */
    public Relation reversed() {
        return new Relation(
                name,
                right,
                left,
                on.stream().map(o -> new On(o.rightField(), o.leftField())).toList(),
                description);
    }

    public boolean involves(String type) {
        return left.equals(type) || right.equals(type);
    }

    static Relation of(String name, String left, String right, String description, String... fieldPairs) {
        if (fieldPairs.length % 2 != 0) {
            throw new IllegalArgumentException("Relation '" + name + "': fields come in left/right pairs");
        }
        List<On> on = new java.util.ArrayList<>();
        for (int i = 0; i < fieldPairs.length; i += 2) {
            on.add(new On(fieldPairs[i], fieldPairs[i + 1]));
        }
        return new Relation(name, left, right, on, description);
    }
}
