package io.agent7.agent.collect.windows.config;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's triggers in words, in the phrasing the Task Scheduler console and the simulator use
 * ("At 03:01 every Wednesday", "At system startup"); disabled triggers are left out.
 */
final class TriggerSummary {

    private static final List<String> DAYS =
            List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday");
    private static final List<String> WEEKS = List.of("first", "second", "third", "fourth");
    private static final Pattern DURATION = Pattern.compile("P(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    private TriggerSummary() {}

    /** The enabled triggers in words, joined by "; "; null when there is none. */
    static String of(List<TaskTrigger> triggers) {
        StringJoiner summary = new StringJoiner("; ");
        for (TaskTrigger trigger : triggers) {
            if (trigger.enabled()) {
                summary.add(describe(trigger));
            }
        }
        return summary.length() == 0 ? null : summary.toString();
    }

    static String describe(TaskTrigger t) {
        String at = "At " + time(t.startBoundary());
        String main = switch (t.type()) {
            case 0 -> "On an event";
            case 1 -> at + " on " + date(t.startBoundary());
            case 2 -> at + (t.daysInterval() > 1 ? " every " + t.daysInterval() + " days" : " every day");
            case 3 ->
                at
                        + (t.weeksInterval() > 1 ? " every " + t.weeksInterval() + " weeks on " : " every ")
                        + names(t.daysOfWeek(), DAYS);
            case 4 -> at + " on " + daysOfMonth(t.daysOfMonth()) + " of every month";
            case 5 ->
                at + " on the " + names(t.weeksOfMonth(), WEEKS) + " " + names(t.daysOfWeek(), DAYS)
                        + " of every month";
            case 6 -> "When the computer is idle";
            case 7 -> "When the task is created or modified";
            case 8 -> "At system startup";
            case 9 ->
                t.userId() == null || t.userId().isBlank() ? "At log on of any user" : "At log on of " + t.userId();
            case 11 -> "On a session state change";
            default -> "On a custom trigger";
        };
        String every = duration(t.repetitionInterval());
        return every == null ? main : main + ", repeating every " + every;
    }

    /** HH:MM of an ISO 8601 start boundary, as written (the task's own clock). */
    private static String time(String boundary) {
        int t = boundary == null ? -1 : boundary.indexOf('T');
        return t < 0 || boundary.length() < t + 6 ? "an unset time" : boundary.substring(t + 1, t + 6);
    }

    private static String date(String boundary) {
        int t = boundary == null ? -1 : boundary.indexOf('T');
        return t < 0 ? "an unset date" : boundary.substring(0, t);
    }

    private static String names(int bits, List<String> names) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if ((bits & (1 << i)) != 0) {
                chosen.add(names.get(i));
            }
        }
        return String.join(", ", chosen);
    }

    private static String daysOfMonth(int bits) {
        List<String> days = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            if ((bits & (1 << i)) != 0) {
                days.add(Integer.toString(i + 1));
            }
        }
        if ((bits & (1 << 31)) != 0) {
            days.add("the last day");
        }
        return (days.size() == 1 && (bits & (1 << 31)) == 0 ? "day " : "days ") + String.join(", ", days);
    }

    /** An ISO 8601 duration in words ("PT1H" is "1 hour"), or null when there is none. */
    static String duration(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        Matcher m = DURATION.matcher(iso.strip());
        if (!m.matches()) {
            return iso;
        }
        StringJoiner words = new StringJoiner(" ");
        String[] units = {"day", "hour", "minute", "second"};
        for (int i = 0; i < units.length; i++) {
            String n = m.group(i + 1);
            if (n != null && Long.parseLong(n) > 0) {
                words.add(n + " " + units[i] + (Long.parseLong(n) == 1 ? "" : "s"));
            }
        }
        return words.length() == 0 ? null : words.toString();
    }
}
