package io.agent7.query;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Random inputs for property tests, drawn from one {@link SplittableRandom} so that a seed
 * replays a whole run. {@link PropertyCheck} makes one per property.
 *
 * <p>Lengths lean short (most parser bugs need only a few characters) but reach the maximum
 * now and then, and arbitrary characters lean towards the ones parsers trip over: ASCII
 * punctuation, control characters, unusual whitespace, lone surrogates, pairs and repeats.
 * A uniform draw over 65,536 chars would almost never produce a {@code :} or a {@code (}.
 */
public final class Generator {

    /** Strings tried before any random one where any string is allowed. */
    public static final List<String> EDGE_STRINGS =
            List.of("", " ", "a", "\u0000", "\t", "\n", "\u3000", "\uD800", "\uDFFF", "\uFFFF", "😀", "aa", "  ");

    /** Whitespace beyond ASCII: what {@link Character#isWhitespace} and Lucene's lexer disagree on. */
    private static final String UNICODE_SPACES =
            "\u00A0\u0085\u1680\u2000\u2007\u200A\u200B\u2028\u2029\u202F\u3000\uFEFF";

    private static final int MAX_LENGTH = 255;

    private final SplittableRandom random;

    Generator(SplittableRandom random) {
        this.random = random;
    }

    /** An int from {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    public boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A value from one of the generators, each as likely as the others. */
    @SafeVarargs
    public final <T> T oneOf(Function<Generator, T>... generators) {
        return pick(generators).apply(this);
    }

    public <T> List<T> list(int minSize, int maxSize, Function<Generator, T> element) {
        int size = length(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(this));
        }
        return list;
    }

    /** Any string of up to 255 chars. */
    public String anyString() {
        return anyString(0, MAX_LENGTH);
    }

    /** Any string from {@code minLength} to {@code maxLength} chars (UTF-16 units, as String counts them). */
    public String anyString(int minLength, int maxLength) {
        int length = length(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int kind = random.nextInt(10);
            if (kind == 0 && text.length() + 1 < length) {
                text.appendCodePoint(between(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT));
            } else if (kind == 1 && text.length() > 0) {
                text.append(text.charAt(text.length() - 1));
            } else {
                text.append(anyChar());
            }
        }
        return text.toString();
    }

    /** A string of {@code minLength} to {@code maxLength} chars, each one of {@code alphabet}'s. */
    public String string(String alphabet, int minLength, int maxLength) {
        int length = length(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /**
     * Up to 16 pieces side by side, each one of {@code fragments} or up to two arbitrary
     * chars: text that is mostly a language's syntax, arranged as no grammar would.
     */
    public String spliced(List<String> fragments) {
        return String.join("", list(0, 16, g -> g.oneIn(2) ? g.pick(fragments) : g.anyString(0, 2)));
    }

    private char anyChar() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> (char) between(0x20, 0x7E);
            case 3 -> (char) (oneIn(8) ? 0x7F : between(0x00, 0x1F));
            case 4 -> UNICODE_SPACES.charAt(random.nextInt(UNICODE_SPACES.length()));
            case 5 -> (char) between(Character.MIN_SURROGATE, Character.MAX_SURROGATE);
            default -> (char) between(Character.MIN_VALUE, Character.MAX_VALUE);
        };
    }

    /** Mostly short: a quarter each up to min+2, min+8, min+32 and max. */
    private int length(int min, int max) {
        int reach = switch (random.nextInt(4)) {
            case 0 -> 2;
            case 1 -> 8;
            case 2 -> 32;
            default -> max - min;
        };
        return between(min, Math.min(max, min + reach));
    }
}
