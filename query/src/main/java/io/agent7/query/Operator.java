package io.agent7.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The comparison operators of the filter DSL, by the names the original Agent7 API used. */
public enum Operator {
    EQ("eq"),
    NE("ne"),
    GT("gt"),
    GE("ge"),
    LT("lt"),
    LE("le"),
    LIKE("like"),
    NOT_LIKE("notlike"),
    IN("in"),
    NOT_IN("notin"),
    EXISTS("exists");

    private final String token;

    Operator(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<Operator> of(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.token.equals(t)).findFirst();
    }

    public static String allTokens() {
        return Arrays.stream(values()).map(Operator::token).collect(Collectors.joining(", "));
    }
}
