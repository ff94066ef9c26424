package io.agent7.schema;

/** A document, or one of its values, that does not fit the schema. The message names the field. */
public final class InvalidDocumentException extends IllegalArgumentException {

    private final String field;

    public InvalidDocumentException(String field, String message) {
        super(field == null ? message : "field '" + field + "': " + message);
        this.field = field;
    }

    /** The offending field's dotted name, or null when the problem is the document as a whole. */
    public String field() {
        return field;
    }
}
