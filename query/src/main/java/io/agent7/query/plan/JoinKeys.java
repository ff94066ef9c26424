package io.agent7.query.plan;

import io.agent7.schema.Relation;

/**
 * The one field on each side of a relation that holds its join key: the field itself for a
 * relation on one field pair.
 *
 * @param primaryField the field on the relation's left (primary) side
 * @param relatedField the field on its right (related) side
 */
record JoinKeys(String primaryField, String relatedField) {

    static JoinKeys of(Relation relation) {
        if (relation.on().size() == 1) {
            Relation.On on = relation.on().get(0);
            return new JoinKeys(on.leftField(), on.rightField());
        }
        throw new IllegalStateException(
                "Relation '" + relation.name() + "' joins on " + relation.on().size() + " fields and has no key field");
    }
}
