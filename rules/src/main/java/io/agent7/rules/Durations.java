package io.agent7.rules;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as rules write them: a whole number and a unit, {@code 30s}, {@code 5m}, {@code 2h}, {@code 30d}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    private Durations() {}

    /** @throws IllegalArgumentException naming the expected form */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration: write a whole number and s, m, h or d, e.g. 5m or 30d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The shortest exact form: {@code 90s} stays seconds, {@code 120s} becomes {@code 2m}. */
    public static String format(Duration duration) {
        long s = duration.getSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
