package io.agent7.schema;

import java.util.Locale;

/**
 * The Elasticsearch field types Agent7 uses. Only types that exist on every distribution,
 * the minimal integration-test one included: where ECS asks for {@code wildcard} or
 * {@code match_only_text} a field is {@code keyword} with a {@code text} multi-field instead.
 * No {@code scaled_float}, {@code wildcard} or {@code unsigned_long}: they live in modules the
 * minimal distribution lacks.
 */
public enum FieldType {
    KEYWORD,
    TEXT,
    DATE,
    LONG,
    INTEGER,
    SHORT,
    BYTE,
    DOUBLE,
    FLOAT,
    BOOLEAN,
    IP,
    GEO_POINT,
    FLATTENED,
    OBJECT,
    NESTED,
    ALIAS;

    /** The name Elasticsearch mappings use. */
    public String mappingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isNumeric() {
        return switch (this) {
            case LONG, INTEGER, SHORT, BYTE, DOUBLE, FLOAT -> true;
            default -> false;
        };
    }

    public boolean isWholeNumber() {
        return switch (this) {
            case LONG, INTEGER, SHORT, BYTE -> true;
            default -> false;
        };
    }
}
