package io.agent7.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The comparison operators, by their token in the URI filter DSL. The first token is the
 * canonical one; the others are the original Agent7 API's spellings, kept so that its URLs
 * still work.
 */
public enum Operator {
    EQ(Arity.ONE, "eq"),
    NE(Arity.ONE, "ne", "neq"),
    GT(Arity.ONE, "gt"),
    GE(Arity.ONE, "ge"),
    LT(Arity.ONE, "lt"),
    LE(Arity.ONE, "le"),
    /**
     * {@code *} and {@code ?} wildcards; case folds only on fields the schema marks case-insensitive.
     * The value is a pattern in which a literal {@code *}, {@code ?} or {@code \} is escaped with a
     * backslash ({@code C:\\Program Files\\*}); the same holds for {@link #NOT_LIKE} and
     * {@link #ILIKE}. Every front end writes its patterns in this form.
     */
    LIKE(Arity.ONE, "like"),
    NOT_LIKE(Arity.ONE, "notlike", "nlike"),
    /** {@code like} that always ignores case. */
    ILIKE(Arity.ONE, "ilike"),
    STARTS_WITH(Arity.ONE, "startswith"),
    ENDS_WITH(Arity.ONE, "endswith"),
    CONTAINS(Arity.ONE, "contains"),
    IN(Arity.MANY, "in"),
    NOT_IN(Arity.MANY, "notin"),
    /** The field has a value; the original's {@code exists,false} still means "has none". */
    EXISTS(Arity.OPTIONAL, "exists"),
    MISSING(Arity.NONE, "missing"),
    /** An ip field inside one of the given CIDR ranges. */
    CIDR(Arity.MANY, "cidr");

    /** How many values the operator takes. */
    public enum Arity {
        NONE,
        OPTIONAL,
        ONE,
        MANY
    }

    private final Arity arity;
    private final List<String> tokens;

    Operator(Arity arity, String... tokens) {
        this.arity = arity;
        this.tokens = List.of(tokens);
    }

    public String token() {
        return tokens.get(0);
    }

    public List<String> tokens() {
        return tokens;
    }

    public Arity arity() {
        return arity;
    }

    /** Whether it is the negation of another operator (its documents are the others' complement). */
    public boolean negative() {
        return this == NE || this == NOT_LIKE || this == NOT_IN || this == MISSING;
    }

    public static Optional<Operator> of(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.tokens.contains(t)).findFirst();
    }

    /** Every token, canonical ones first, for "expected one of" messages. */
    public static String allTokens() {
        return Arrays.stream(values()).flatMap(o -> o.tokens.stream()).collect(Collectors.joining(", "));
    }
}
