package io.agent7.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Works out each type's join keys from the relations (see {@link JoinKey}), and refuses a set
 * of relations whose keys could not be computed alike on both sides of every join.
 */
final class JoinKeys {

    private JoinKeys() {}

    /**
     * The join keys of each type that has any, by type name, in the order the relations first
     * name them.
     *
     * @param types     every type the relations may name, by name, each with its declared fields
     * @throws IllegalArgumentException naming the relation, type or field that is wrong
     */
    static Map<String, List<JoinKey>> derive(Map<String, DataType> types, List<Relation> relations) {
        Map<String, List<Relation>> byKey = new LinkedHashMap<>();
        for (Relation relation : relations) {
            DataType left = types.get(relation.left());
            DataType right = types.get(relation.right());
            if (relation.key() == null) {
                String why = whyItNeedsAKey(relation, left, right);
                if (why != null) {
                    throw new IllegalArgumentException("Relation '" + relation.name() + "' " + why
                            + " and has no key: a terms query matches one field and minds case, so such a"
                            + " join needs one (Relation#withKey)");
                }
                continue;
            }
            List<Relation> sharing = byKey.computeIfAbsent(relation.key(), k -> new ArrayList<>());
            if (!sharing.isEmpty()
                    && sharing.get(0).on().size() != relation.on().size()) {
                throw new IllegalArgumentException("Relations sharing the key '" + relation.key()
                        + "' must join on as many fields: '" + sharing.get(0).name() + "' joins on "
                        + sharing.get(0).on().size() + ", '" + relation.name() + "' on "
                        + relation.on().size());
            }
            sharing.add(relation);
            checkParts(relation, left, relation.leftFields());
            checkParts(relation, right, relation.rightFields());
        }

        Map<String, List<JoinKey>> keysByType = new LinkedHashMap<>();
        for (Map.Entry<String, List<Relation>> entry : byKey.entrySet()) {
            String key = entry.getKey();
            List<Relation> sharing = entry.getValue();
            boolean[] folds = folds(sharing, types);
            // A type's fields that make the key, and the relation that first said so.
            Map<String, List<String>> fieldsByType = new LinkedHashMap<>();
            Map<String, Relation> firstByType = new LinkedHashMap<>();
            for (Relation relation : sharing) {
                for (Relation side : List.of(relation, relation.reversed())) {
                    List<String> fields = side.leftFields();
                    List<String> earlier = fieldsByType.putIfAbsent(side.left(), fields);
                    firstByType.putIfAbsent(side.left(), relation);
                    if (earlier != null && !earlier.equals(fields)) {
                        throw new IllegalArgumentException("Type '" + side.left() + "' would make the key '" + key
                                + "' of " + earlier + " for '"
                                + firstByType.get(side.left()).name() + "' but of "
                                + fields + " for '" + relation.name() + "': a type holds one value per key");
                    }
                }
            }
            fieldsByType.forEach((type, fields) -> {
                List<JoinKey.Part> parts = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    parts.add(new JoinKey.Part(fields.get(i), folds[i]));
                }
                keysByType.computeIfAbsent(type, t -> new ArrayList<>()).add(new JoinKey(key, parts));
            });
        }
        return keysByType;
    }

    /** The key's field in {@code type}, described for the docs: what makes it and who sets it. */
    static Field field(JoinKey key, String type, List<Relation> relations) {
        String parts = key.parts().stream()
                .map(p -> p.field() + (p.foldsCase() ? " (lower-cased)" : ""))
                .collect(Collectors.joining(" / "));
        String joins = relations.stream()
                .filter(r -> key.name().equals(r.key()) && r.involves(type))
                .map(Relation::name)
                .collect(Collectors.joining(", "));
        String description = "Join key " + key.name() + " of " + joins + ": " + parts + ". The ingest API"
                + " computes it from the document, replacing any value the agent sent: several values when a part"
                + " has several, none when a part has none.";
        // The parts together: up to 8191 characters stays under Lucene's term limit however wide.
        return new Field(key.field(), FieldType.KEYWORD, description, Field.LONG_IGNORE_ABOVE, false, false, null);
    }

    /** Why a relation without a key needs one; null when it needs none. */
    private static String whyItNeedsAKey(Relation relation, DataType left, DataType right) {
        if (relation.on().size() > 1) {
            return "joins on " + relation.on().size() + " fields";
        }
        Relation.On on = relation.on().get(0);
        if (left.field(on.leftField()).caseInsensitive()) {
            return "joins on " + left.name() + "'s " + on.leftField() + ", which is case-insensitive,";
        }
        if (right.field(on.rightField()).caseInsensitive()) {
            return "joins on " + right.name() + "'s " + on.rightField() + ", which is case-insensitive,";
        }
        return null;
    }

    /** A part is read from the stored document as text: one of the type's own keywords or whole numbers, or the host. */
    private static void checkParts(Relation relation, DataType type, List<String> fields) {
        for (String name : fields) {
            if (name.equals(CommonFields.HOST_ID)) {
                continue;
            }
            Field field = type.fields().get(name);
            boolean usable = field != null
                    && (field.type() == FieldType.KEYWORD || field.type().isWholeNumber())
                    && !type.insideNested(field);
            if (!usable) {
                throw new IllegalArgumentException("Relation '" + relation.name() + "': key '" + relation.key()
                        + "' cannot be made of " + type.name() + "'s " + name + ": a part must be "
                        + CommonFields.HOST_ID
                        + " or one of the type's own keywords or whole numbers, outside nested fields");
            }
        }
    }

    /** For each part of a key, whether any field that makes it, on either side of any relation, folds case. */
    private static boolean[] folds(List<Relation> sharing, Map<String, DataType> types) {
        boolean[] folds = new boolean[sharing.get(0).on().size()];
        for (Relation relation : sharing) {
            for (int i = 0; i < folds.length; i++) {
                Relation.On on = relation.on().get(i);
                folds[i] |= types.get(relation.left()).field(on.leftField()).caseInsensitive()
                        || types.get(relation.right()).field(on.rightField()).caseInsensitive();
            }
        }
        return folds;
    }
}
