package io.agent7.query;

import java.util.List;

/**
 * A query the user wrote that cannot run. It names the request parameter, the place in it
 * ({@link Span}), what was expected there, and where there is a list to choose from the
 * nearest choices; services answer it as a 400 with these as problem-detail members.
 */
public final class QueryException extends IllegalArgumentException {

    private final String parameter;
    private final Span span;
    private final String expected;
    private final List<String> suggestions;
    private final List<String> choices;

    public QueryException(String parameter, String message) {
        this(parameter, message, Span.NONE, null, List.of());
    }

    public QueryException(String parameter, String message, Span span) {
        this(parameter, message, span, null, List.of());
    }

    public QueryException(String parameter, String message, Span span, String expected, List<String> suggestions) {
        this(parameter, message, span, expected, suggestions, List.of());
    }

    /**
     * @param choices every valid name where there is a list (a type's fields), for a client
     *     to offer; may be empty
     */
    public QueryException(
            String parameter,
            String message,
            Span span,
            String expected,
            List<String> suggestions,
            List<String> choices) {
        super(message);
        this.parameter = parameter;
        this.span = span;
        this.expected = expected;
        this.suggestions = List.copyOf(suggestions);
        this.choices = List.copyOf(choices);
    }

    /** The request parameter the problem is in ({@code filter}, {@code q}, {@code orderby}, ...). */
    public String parameter() {
        return parameter;
    }

    /** Where in that parameter; {@link Span#NONE} when the problem is the whole of it. */
    public Span span() {
        return span;
    }

    /** What would have been valid there, in words; null when the message says it all. */
    public String expected() {
        return expected;
    }

    /** The nearest valid names (fields, types, operators), best first; may be empty. */
    public List<String> suggestions() {
        return suggestions;
    }

    /** Every valid name where there is a list to choose from (a type's fields); may be empty. */
    public List<String> choices() {
        return choices;
    }

    /** The same problem in another parameter, its span moved by {@code offset}. */
    public QueryException relocated(String newParameter, int offset) {
        Span moved = span.known() ? new Span(span.start() + offset, span.end() + offset) : span;
        return new QueryException(newParameter, getMessage(), moved, expected, suggestions, choices);
    }
}
