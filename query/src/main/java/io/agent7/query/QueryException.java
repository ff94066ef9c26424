package io.agent7.query;

/**
 * A query the user wrote that cannot run. The message names the part that is wrong and,
 * where there is a list to choose from, the choices; services answer it as a 400.
 */
public final class QueryException extends IllegalArgumentException {

    private final String parameter;

    public QueryException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The request parameter the problem is in ({@code filter}, {@code orderby}, ...). */
    public String parameter() {
        return parameter;
    }
}
