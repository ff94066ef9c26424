package io.agent7.simulator.host;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Calendar arithmetic on epoch milliseconds in a host's fixed UTC offset (sites have no daylight saving here). */
final class SimTime {

    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    /** Release clocks count from here: versions and KB numbers are anchored to real ones of January 2024. */
    static final long EPOCH =
            LocalDate.of(2024, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();

    private SimTime() {}

    /** The local day number (days since 1970-01-01 in the host's offset). */
    static long localDay(long t, long offset) {
        return Math.floorDiv(t + offset, DAY);
    }

    /** The instant a local day starts. */
    static long dayStart(long day, long offset) {
        return day * DAY - offset;
    }

    /** Monday = 0 ... Sunday = 6; day 0 (1970-01-01) was a Thursday. */
    static int weekday(long day) {
        return (int) Math.floorMod(day + 3, 7L);
    }

    static boolean workday(long day) {
        return weekday(day) < 5;
    }

    /** Months since January 2024 of an instant, in UTC. */
    static int month(long t) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(t, DAY));
        return (date.getYear() - 2024) * 12 + date.getMonthValue() - 1;
    }

    static LocalDate monthStart(int month) {
        return LocalDate.of(2024, 1, 1).plusMonths(month);
    }

    /** Microsoft's Patch Tuesday of a month: the second Tuesday, at 18:00 UTC (10:00 in Redmond). */
    static long patchTuesday(int month) {
        LocalDate first = monthStart(month);
        int toTuesday = Math.floorMod(
                DayOfWeek.TUESDAY.getValue() - first.getDayOfWeek().getValue(), 7);
        LocalDate second = first.plusDays(toTuesday + 7L);
        return second.toEpochDay() * DAY + 18 * HOUR;
    }

    /** The first instant at or after {@code t} that is {@code minuteOfDay} local time. */
    static long nextLocalTime(long t, long offset, int minuteOfDay) {
        long day = localDay(t, offset);
        long candidate = dayStart(day, offset) + minuteOfDay * MINUTE;
        return candidate >= t ? candidate : candidate + DAY;
    }

    /** The last instant at or before {@code t} that is {@code minuteOfDay} local time. */
    static long previousLocalTime(long t, long offset, int minuteOfDay) {
        long day = localDay(t, offset);
        long candidate = dayStart(day, offset) + minuteOfDay * MINUTE;
        return candidate <= t ? candidate : candidate - DAY;
    }
}
