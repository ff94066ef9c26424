package io.agent7.rules.elasticsearch;

import io.agent7.rules.Durations;
import io.agent7.rules.Rule;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The one line an alert says about why it fired, for the list, a notification's subject, Kibana. */
final class Reasons {

    /** The fields that name an item best, first found first: what the reason quotes. */
    private static final List<String> NAMING = List.of(
            "process.executable",
            "process.command_line",
            "file.path",
            "user.name",
            "group.name",
            "service.name",
            "package.name",
            "process.name",
            "url.full");

    private Reasons() {}

    static String match(Rule rule, DataType type, Map<String, Object> source) {
        return rule.name() + ": " + type.name() + " " + naming(source) + " on " + host(source);
    }

    static String suppressed(Rule rule, DataType type, Map<String, Object> source, long count) {
        return rule.name() + ": " + count + " " + type.name() + " item" + (count == 1 ? "" : "s") + " like "
                + naming(source) + " on " + host(source);
    }

    static String threshold(Rule rule, DataType type, Rule.Threshold threshold, List<Object> values, long count) {
        return rule.name() + ": " + count + " " + type.name() + " items" + group(threshold.groupBy(), values)
                + " (threshold " + threshold.count() + ")";
    }

    static String newTerms(Rule rule, DataType type, List<String> fields, List<Object> values, Duration history) {
        return rule.name() + ": " + type.name() + group(fields, values) + " not seen in the previous "
                + Durations.format(history);
    }

    static String absence(Rule rule, Map<String, Object> source, Object lastCheckin) {
        return rule.name() + ": " + host(source) + " has not checked in since " + lastCheckin;
    }

    private static String group(List<String> fields, List<Object> values) {
        if (fields.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            parts.add(fields.get(i) + "=" + values.get(i));
        }
        return " with " + String.join(", ", parts);
    }

    private static String naming(Map<String, Object> source) {
        for (String field : NAMING) {
            Object value = Sources.get(source, field);
            if (value != null && !value.toString().isBlank()) {
                String text = value.toString();
                return text.length() > 200 ? text.substring(0, 200) + "…" : text;
            }
        }
        return "item";
    }

    private static String host(Map<String, Object> source) {
        Object name = Sources.get(source, CommonFields.HOST_NAME);
        return name == null ? "an unnamed host" : name.toString();
    }
}
