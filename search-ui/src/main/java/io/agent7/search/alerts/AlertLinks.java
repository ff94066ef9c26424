package io.agent7.search.alerts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.web.util.UriUtils;

/**
 * The console's URLs for alerts and the searches they open. Values are encoded whole (a
 * {@code +} in a query stays a plus, an {@code &} stays in its value).
 */
final class AlertLinks {

    private AlertLinks() {}

    static String alert(String id) {
        return "/alerts/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }

    /** The list with these filters, names and values alternating ({@code "status", "open"}); empty values are left out. */
    static String list(String... namesAndValues) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            filters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return "/alerts" + query(filters);
    }

    /** The search page asking {@code question} of {@code type}; {@code allStates}: items gone since included. */
    static String search(String type, String question, boolean allStates) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("type", type);
        parameters.put("q", question);
        if (allStates) {
            parameters.put("state", "all");
        }
        return "/" + query(parameters);
    }

    private static String query(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                query.add(name + "=" + UriUtils.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
