package io.agent7.query.bind;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as people write them in a filter: ISO-8601 ({@code 2026-11-28},
 * {@code 2026-11-28T10:00:00Z}), epoch milliseconds, or relative to now
 * ({@code 30 seconds ago}, {@code 2 months ago}, {@code last week}, {@code yesterday},
 * {@code today}, {@code now}), or in Elasticsearch's date-math form ({@code now-7d},
 * {@code now-2M}: {@code m} is minutes, {@code M} months). Relative times are resolved once, in UTC, when the query is
 * compiled, so one query means one instant everywhere it is used.
 */
public final class TimeExpressions {

    private static final Pattern AGO =
            Pattern.compile("(\\d{1,6})\\s*(second|minute|hour|day|week|month|year)s?\\s+ago");
    private static final Pattern DATE_MATH = Pattern.compile("now([+-])(\\d{1,6})([smhdwMy])");
    private static final Pattern LAST = Pattern.compile("last\\s+(second|minute|hour|day|week|month|year)");

    private TimeExpressions() {}

    public static Optional<Instant> parse(String text, Clock clock) {
        Matcher math = DATE_MATH.matcher(text.trim());
        if (math.matches()) {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
            long amount = Long.parseLong(math.group(2)) * (math.group(1).equals("-") ? 1 : -1);
            String unit = switch (math.group(3)) {
                case "s" -> "second";
                case "m" -> "minute";
                case "h" -> "hour";
                case "d" -> "day";
                case "w" -> "week";
                case "M" -> "month";
                default -> "year";
            };
            return Optional.of(minus(now, amount, unit).toInstant());
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        switch (t) {
            case "now" -> {
                return Optional.of(now.toInstant());
            }
            case "today" -> {
                return Optional.of(now.truncatedTo(ChronoUnit.DAYS).toInstant());
            }
            case "yesterday" -> {
                return Optional.of(now.truncatedTo(ChronoUnit.DAYS).minusDays(1).toInstant());
            }
            default -> {}
        }
        Matcher ago = AGO.matcher(t);
        if (ago.matches()) {
            return Optional.of(
                    minus(now, Long.parseLong(ago.group(1)), ago.group(2)).toInstant());
        }
        Matcher last = LAST.matcher(t);
        if (last.matches()) {
            return Optional.of(minus(now, 1, last.group(1)).toInstant());
        }
        if (t.matches("-?\\d{1,15}")) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(t)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return Optional.of(java.time.LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return Optional.of(
                    LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }

    private static ZonedDateTime minus(ZonedDateTime now, long amount, String unit) {
        return switch (unit) {
            case "second" -> now.minusSeconds(amount);
            case "minute" -> now.minusMinutes(amount);
            case "hour" -> now.minusHours(amount);
            case "day" -> now.minusDays(amount);
            case "week" -> now.minusWeeks(amount);
            case "month" -> now.minusMonths(amount);
            case "year" -> now.minusYears(amount);
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
