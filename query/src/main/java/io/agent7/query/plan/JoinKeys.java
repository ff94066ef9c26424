package io.agent7.query.plan;

import io.agent7.schema.Relation;

/**
 * The one field on each side of a relation that holds its join key: the key field the ingest
 * API writes on both sides ({@code agent7.join.host_user}, ...), or, for a relation on one
 * case-sensitive field pair, the fields themselves.
 *
 * @param primaryField the field on the relation's left (primary) side
 * @param relatedField the field on its right (related) side
 */
record JoinKeys(String primaryField, String relatedField) {

    static JoinKeys of(Relation relation) {
        if (relation.keyField().isPresent()) {
            String key = relation.keyField().get();
            return new JoinKeys(key, key);
        }
        if (relation.on().size() == 1) {
            Relation.On on = relation.on().get(0);
            return new JoinKeys(on.leftField(), on.rightField());
        }
        throw new IllegalStateException(
                "Relation '" + relation.name() + "' joins on " + relation.on().size() + " fields and has no key field");
    }
}
