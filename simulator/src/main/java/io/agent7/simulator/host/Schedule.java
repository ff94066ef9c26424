package io.agent7.simulator.host;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * When a task runs, in a small form the catalogues use: {@code daily:HH:MM},
 * {@code twice:HH:MM} (and twelve hours later), {@code weekly:D:HH:MM} (D 0 = Sunday),
 * {@code monthly:D:HH:MM}, {@code hourly:MM}, {@code every:N} (minutes), {@code boot},
 * {@code logon}, {@code idle}, and {@code daily+logon:HH:MM}. Times are local to the host.
 */
record Schedule(String kind, int day, int minute, boolean atLogon) {

    private static final List<String> DAYS =
            List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday");

    static Schedule parse(String text) {
        boolean logon = text.startsWith("daily+logon:");
        String spec = logon ? "daily:" + text.substring("daily+logon:".length()) : text;
        String[] parts = spec.split(":");
        return switch (parts[0]) {
            case "daily", "twice" -> new Schedule(parts[0], 0, minutes(parts[1], parts[2]), logon);
            case "weekly", "monthly" ->
                new Schedule(parts[0], Integer.parseInt(parts[1]), minutes(parts[2], parts[3]), false);
            case "hourly" -> new Schedule("hourly", 0, Integer.parseInt(parts[1]), false);
            case "every" -> new Schedule("every", 0, Integer.parseInt(parts[1]), false);
            case "boot", "logon", "idle" -> new Schedule(parts[0], 0, 0, parts[0].equals("logon"));
            default -> throw new IllegalArgumentException("Unknown schedule " + text);
        };
    }

    private static int minutes(String hours, String minutes) {
        return Integer.parseInt(hours) * 60 + Integer.parseInt(minutes);
    }

    /** Whether the schedule has clock times (boot and logon tasks have none). */
    boolean timed() {
        return !kind.equals("boot") && !kind.equals("logon");
    }

    /** The last run at or before {@code t}; idle tasks run in the host's quiet hours, {@code idleMinute}. */
    long previous(long t, long tz, int idleMinute) {
        return switch (kind) {
            case "daily" -> SimTime.previousLocalTime(t, tz, minute);
            case "idle" -> SimTime.previousLocalTime(t, tz, idleMinute);
            case "twice" ->
                Math.max(
                        SimTime.previousLocalTime(t, tz, minute),
                        SimTime.previousLocalTime(t, tz, (minute + 720) % 1440));
            case "hourly" -> {
                long hour = Math.floorDiv(t, SimTime.HOUR) * SimTime.HOUR + minute * SimTime.MINUTE;
                yield hour <= t ? hour : hour - SimTime.HOUR;
            }
            case "every" -> Math.floorDiv(t, minute * SimTime.MINUTE) * minute * SimTime.MINUTE;
            case "weekly" -> {
                long at = SimTime.previousLocalTime(t, tz, minute);
                while (sundayBased(SimTime.localDay(at, tz)) != day) {
                    at -= SimTime.DAY;
                }
                yield at;
            }
            case "monthly" -> {
                long at = SimTime.previousLocalTime(t, tz, minute);
                while (LocalDate.ofEpochDay(SimTime.localDay(at, tz)).getDayOfMonth() != day) {
                    at -= SimTime.DAY;
                }
                yield at;
            }
            default -> Long.MIN_VALUE;
        };
    }

    /** The next run after {@code t}, or {@code Long.MIN_VALUE} for boot and logon tasks. */
    long next(long t, long tz, int idleMinute) {
        return switch (kind) {
            case "daily" -> SimTime.nextLocalTime(t + 1, tz, minute);
            case "idle" -> SimTime.nextLocalTime(t + 1, tz, idleMinute);
            case "twice" ->
                Math.min(
                        SimTime.nextLocalTime(t + 1, tz, minute),
                        SimTime.nextLocalTime(t + 1, tz, (minute + 720) % 1440));
            case "hourly" -> previous(t, tz, idleMinute) + SimTime.HOUR;
            case "every" -> previous(t, tz, idleMinute) + minute * SimTime.MINUTE;
            case "weekly" -> previous(t, tz, idleMinute) + 7 * SimTime.DAY;
            case "monthly" -> {
                long at = SimTime.nextLocalTime(t + 1, tz, minute);
                while (LocalDate.ofEpochDay(SimTime.localDay(at, tz)).getDayOfMonth() != day) {
                    at += SimTime.DAY;
                }
                yield at;
            }
            default -> Long.MIN_VALUE;
        };
    }

    private static int sundayBased(long day) {
        return (SimTime.weekday(day) + 1) % 7;
    }

    /** The trigger as Task Scheduler summarises it. */
    String describe() {
        String time = String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
        String main = switch (kind) {
            case "daily" -> "At " + time + " every day";
            case "twice" -> "At " + time + " every day, repeating every 12 hours";
            case "weekly" -> "At " + time + " every " + DAYS.get(day);
            case "monthly" -> "At " + time + " on day " + day + " of every month";
            case "hourly" -> "Every hour, at minute " + minute;
            case "every" -> "Every " + minute + " minutes";
            case "boot" -> "At system startup";
            case "logon" -> "At log on of any user";
            default -> "When the computer is idle";
        };
        return atLogon ? "At log on of any user; " + main : main;
    }
}
