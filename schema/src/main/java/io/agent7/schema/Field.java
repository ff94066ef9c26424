package io.agent7.schema;

import java.util.Objects;

/**
 * One field of a data type, by its full dotted name.
 *
 * @param name        dotted path, e.g. {@code process.command_line}
 * @param type        the Elasticsearch type
 * @param description what the field holds, for {@code docs/SCHEMA.md} and Kibana
 * @param ignoreAbove for keywords: longer values are kept in {@code _source} but not indexed
 * @param textField   for keywords: also indexed as analysed text under {@code <name>.text}
 * @param caseInsensitive the value names something the host's OS compares case-insensitively
 *                    (a Windows path, user or service name); identity hashing folds its case
 * @param aliasOf     for {@link FieldType#ALIAS}: the field this one points to
 */
public record Field(
        String name,
        FieldType type,
        String description,
        Integer ignoreAbove,
        boolean textField,
        boolean caseInsensitive,
        String aliasOf) {

    /** Default keyword limit, as ECS uses; longer values stay in {@code _source}. */
    public static final int DEFAULT_IGNORE_ABOVE = 1024;
    /** Long text such as command lines: 8191 characters stay under Lucene's 32766-byte term limit. */
    public static final int LONG_IGNORE_ABOVE = 8191;

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("Field name must be a dotted path, got '" + name + "'");
        }
        if ((type == FieldType.ALIAS) != (aliasOf != null)) {
            throw new IllegalArgumentException(
                    "Field '" + name + "': an alias needs a target, and only an alias has one");
        }
        if ((ignoreAbove != null && type != FieldType.KEYWORD && type != FieldType.FLATTENED)
                || (textField && type != FieldType.KEYWORD)) {
            throw new IllegalArgumentException("Field '" + name
                    + "': ignore_above applies to keywords and flattened objects, text sub-fields to keywords only");
        }
        description = description == null ? "" : description;
    }

    public boolean isAlias() {
        return type == FieldType.ALIAS;
    }
}
