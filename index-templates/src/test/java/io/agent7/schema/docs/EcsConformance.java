package io.agent7.schema.docs;

import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares the types' fields with ECS: same type or a listed fallback, and a {@code .text} where ECS has one. */
final class EcsConformance {

    private EcsConformance() {}

    /**
     * One line per difference, naming the field, our mapping, ECS's and the types that have
     * the field; empty when every field with an ECS name conforms.
     */
    static List<String> mismatches(Collection<DataType> types, Map<String, EcsFlat.EcsField> ecs) {
        // The same field (the common ones, those a builder helper adds) recurs in many types: one line each.
        Map<String, Set<String>> typesByMismatch = new LinkedHashMap<>();
        for (DataType type : types) {
            for (Field field : type.allFields().values()) {
                EcsFlat.EcsField standard = ecs.get(field.name());
                if (standard == null) {
                    continue;
                }
                Field mapped = field.isAlias() ? type.field(field.aliasOf()) : field;
                if (mapped == null) {
                    continue; // DataType refuses an alias to an unknown field; nothing to compare here.
                }
                String via = field.isAlias() ? " (alias of " + mapped.name() + ")" : "";
                String ours = mapped.type().mappingName();
                if (!ours.equals(standard.type())
                        && !EcsFallbacks.allows(field.name(), standard.type(), mapped.type())) {
                    typesByMismatch
                            .computeIfAbsent(
                                    field.name() + via + ": ours is " + ours + ", ECS's is " + standard.type()
                                            + " (no fallback in EcsFallbacks allows it)",
                                    k -> new LinkedHashSet<>())
                            .add(type.name());
                }
                if (standard.textMultiField() && !mapped.textField()) {
                    typesByMismatch
                            .computeIfAbsent(
                                    field.name() + via + ": ours is " + ours + " without .text, ECS's is "
                                            + standard.type() + " with a .text multi-field",
                                    k -> new LinkedHashSet<>())
                            .add(type.name());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        typesByMismatch.forEach((mismatch, in) -> lines.add(mismatch + " [in " + String.join(", ", in) + "]"));
        return lines;
    }
}
