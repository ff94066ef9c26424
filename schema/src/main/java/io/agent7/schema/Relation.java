package io.agent7.schema;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How documents of two types belong together, for joins: a {@code left} document and a
 * {@code right} document are related when every pair of fields holds the same value
 * (for a multi-valued field: when one of its values is the other's).
 *
 * <p>A relation joined on several field pairs, or on a field that folds case, has a
 * {@code key}: both types then carry the keyword field {@link #keyField()}, which the
 * ingest API computes from the fields of {@link #on()} (see {@link JoinKey}), so that a join
 * is one {@code terms} query on one field. A pair of fields cannot be matched by one
 * {@code terms} query, and {@code terms} cannot ignore case. Relations that join the same
 * kind of thing (a local account on a host, a domain account, a process on a host) share a
 * key, and with it one field per type.
 *
 * @param name        a short name, e.g. {@code user_tasks}
 * @param left        the left type's name
 * @param right       the right type's name
 * @param on          the field pairs that must match, left field first
 * @param key         the join key's name, e.g. {@code host_user}; null when the relation needs none
 * @param description one sentence for the docs
 */
public record Relation(String name, String left, String right, List<On> on, String key, String description) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

    /** One pair of fields that must hold the same value. */
    public record On(String leftField, String rightField) {}

    public Relation {
        on = List.copyOf(on);
        if (on.isEmpty()) {
            throw new IllegalArgumentException("Relation '" + name + "' joins on no field");
        }
        if (key != null && !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "Relation '" + name + "': a key name must match " + KEY + ", got '" + key + "'");
        }
    }

    /** The relation seen from the other side. */
    public Relation reversed() {
        return new Relation(
                name,
                right,
                left,
                on.stream().map(o -> new On(o.rightField(), o.leftField())).toList(),
                key,
                description);
    }

    /**
     * The keyword field, {@code agent7.join.<key>}, that both types carry for this relation:
     * a document of the left type is related to one of the right type when the two share a
     * value of it. On each side the value is made of that side's fields of {@link #on()}, in
     * order ({@link #leftFields()}, {@link #rightFields()}). Empty when the relation has no key.
     */
    public Optional<String> keyField() {
        return key == null ? Optional.empty() : Optional.of(JoinKey.fieldOf(key));
    }

    /** The left type's fields of {@link #on()}, in order. */
    public List<String> leftFields() {
        return on.stream().map(On::leftField).toList();
    }

    /** The right type's fields of {@link #on()}, in order. */
    public List<String> rightFields() {
        return on.stream().map(On::rightField).toList();
    }

    public boolean involves(String type) {
        return left.equals(type) || right.equals(type);
    }

    /** The same relation joined through the key {@code keyName}. */
    Relation withKey(String keyName) {
        return new Relation(name, left, right, on, keyName, description);
    }

    static Relation of(String name, String left, String right, String description, String... fieldPairs) {
        if (fieldPairs.length % 2 != 0) {
            throw new IllegalArgumentException("Relation '" + name + "': fields come in left/right pairs");
        }
        List<On> on = new java.util.ArrayList<>();
        for (int i = 0; i < fieldPairs.length; i += 2) {
            on.add(new On(fieldPairs[i], fieldPairs[i + 1]));
        }
        return new Relation(name, left, right, on, null, description);
    }
}
