package io.agent7.schema.docs;

import io.agent7.schema.CommonFields;
import io.agent7.schema.FieldType;
import java.util.List;

/**
 * Where an Agent7 field may differ from the Elastic Common Schema's type for the same name,
 * and why. The one list that both the ECS conformance test and {@code docs/SCHEMA.md} read.
 */
final class EcsFallbacks {

    /**
     * One allowed difference.
     *
     * @param ecsType the type ECS declares
     * @param field   the one field it applies to, or null for every field of that ECS type
     * @param ours    the type Agent7 maps instead
     * @param why     one sentence for the docs
     */
    record Fallback(String ecsType, String field, FieldType ours, String why) {}

    static final List<Fallback> ALL = List.of(
            new Fallback(
                    "wildcard",
                    null,
                    FieldType.KEYWORD,
                    "wildcard is missing from some distributions (the integration-test one among them); a keyword,"
                            + " with a `.text` multi-field where ECS has one, serves the same exact, prefix and wildcard"
                            + " queries"),
            new Fallback(
                    "match_only_text",
                    null,
                    FieldType.TEXT,
                    "match_only_text is missing from some distributions; text indexes the same words, with positions"),
            new Fallback(
                    "constant_keyword",
                    null,
                    FieldType.KEYWORD,
                    "constant_keyword is missing from some distributions; a keyword holds the same value"),
            new Fallback(
                    "object",
                    CommonFields.LABELS,
                    FieldType.FLATTENED,
                    "flattened, so that label keys never grow the mapping of a `dynamic: strict` index"));

    private EcsFallbacks() {}

    /** Whether a field ECS types {@code ecsType} may be mapped as {@code ours}. */
    static boolean allows(String field, String ecsType, FieldType ours) {
        for (Fallback fallback : ALL) {
            if (fallback.ecsType().equals(ecsType)
                    && fallback.ours() == ours
                    && (fallback.field() == null || fallback.field().equals(field))) {
                return true;
            }
        }
        return false;
    }
}
