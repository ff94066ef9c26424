package io.agent7.query;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Checks a property on its edge cases and then on {@code tries} random inputs, and fails on
 * the first input it does not hold for, reporting that input as it is (nothing is shrunk)
 * with the seed that produces it again.
 *
 * <p>The seed is fixed, so a run checks the same inputs every time and a red build is never a
 * matter of luck; {@code -Dagent7.property.seed=N} checks other ones. Every property starts
 * from the seed itself, so a property reproduces alone and whatever runs before it.
 *
 * <pre>
 * PropertyCheck.forAll(Generator::anyString).tries(2000).check(q -&gt; ...);
 * </pre>
 */
public final class PropertyCheck<T> {

    public static final String SEED_PROPERTY = "agent7.property.seed";

    private static final long DEFAULT_SEED = 20_260_101L;

    /** Enough to reach the rarer branches of a parser; a property can ask for more. */
    private static final int DEFAULT_TRIES = 1000;

    private final Function<Generator, T> generator;
    private final List<T> edgeCases;
    private final int tries;

    private PropertyCheck(Function<Generator, T> generator, List<T> edgeCases, int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries should be at least 1, was " + tries);
        }
        this.generator = generator;
        this.edgeCases = List.copyOf(edgeCases);
        this.tries = tries;
    }

    public static <T> PropertyCheck<T> forAll(Function<Generator, T> generator) {
        return new PropertyCheck<>(generator, List.of(), DEFAULT_TRIES);
    }

    /** Inputs tried, in order, before the random ones; they do not count as tries. */
    public PropertyCheck<T> edgeCases(List<T> edgeCases) {
        return new PropertyCheck<>(generator, edgeCases, tries);
    }

    public PropertyCheck<T> tries(int tries) {
        return new PropertyCheck<>(generator, edgeCases, tries);
    }

    public void check(Consumer<T> property) {
        long seed = seed();
        for (int i = 0; i < edgeCases.size(); i++) {
            holds(property, edgeCases.get(i), "edge case " + (i + 1) + " of " + edgeCases.size(), seed);
        }
        Generator random = new Generator(new SplittableRandom(seed));
        for (int i = 1; i <= tries; i++) {
            holds(property, generator.apply(random), "try " + i + " of " + tries, seed);
        }
    }

    private void holds(Consumer<T> property, T input, String which, long seed) {
        try {
            property.accept(input);
        } catch (Throwable failure) {
            // Whatever the property threw, including an unexpected exception from the code under
            // test or a stack overflow: the input and the seed are what a reader needs first.
            throw new AssertionError(
                    "property failed on " + which + " with seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed
                            + ")\n  input: " + describe(input) + "\n  " + failure,
                    failure);
        }
    }

    static long seed() {
        String value = System.getProperty(SEED_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_SEED;
        }
        try {
            return Long.decode(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    SEED_PROPERTY + " should be a whole number such as 42 or 0x2a, was '" + value + "'", e);
        }
    }

    /** The input as a Java literal, so that invisible and unpaired chars show and it can be pasted into a test. */
    static String describe(Object input) {
        if (!(input instanceof String text)) {
            return String.valueOf(input);
        }
        StringBuilder literal = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\t' -> literal.append("\\t");
                case '\r' -> literal.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        literal.append(c);
                    } else {
                        literal.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    }
                }
            }
        }
        return literal.append('"')
                .append(" (")
                .append(text.length())
                .append(" chars)")
                .toString();
    }
}
