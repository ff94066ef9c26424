package io.agent7.schema;

import java.util.Collection;
import java.util.List;

/** A type name that is neither a data type nor one of its aliases. */
public final class UnknownTypeException extends IllegalArgumentException {

    private final String requested;
    private final List<String> known;

    public UnknownTypeException(String requested, Collection<String> known) {
        super("Unknown data type '" + requested + "'; known types: " + String.join(", ", known));
        this.requested = requested;
        this.known = List.copyOf(known);
    }

    public String requested() {
        return requested;
    }

    public List<String> known() {
        return known;
    }
}
