package io.agent7.protocol;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the protocol and the policies write them: a whole number and a unit,
 * {@code 250ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}. The one parser and
 * formatter of that form, for the agent, the ingest API and its settings alike.
 */
public final class Durations {

    /** Up to nine digits: a day count that large still fits a {@link Duration}, and no setting needs more. */
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {}

    /**
     * @throws IllegalArgumentException naming the text and the accepted form
     */
    public static Duration parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("must be a duration such as 30s, 5m, 1h or 1d; got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The largest unit that divides the duration: 90 s is {@code 90s}, 120 s is {@code 2m}, 1.5 s is {@code 1500ms}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("A duration in this form is not negative; got " + d);
        }
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
