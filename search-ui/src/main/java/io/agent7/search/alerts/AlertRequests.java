package io.agent7.search.alerts;

import io.agent7.query.bind.TimeExpressions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What the API's and the pages' requests about alerts say, read and checked: the list's
 * filters and page size, the workflow actions and their bodies. Anything wrong is an
 * {@link AlertInputException} naming the parameter or field and what it takes, thrown before
 * anything is changed.
 */
final class AlertRequests {

    static final int MAX_SIZE = 500;
    static final int DEFAULT_SIZE = 50;
    static final int MAX_TEXT = 500;
    static final int MAX_ID = 512;
    static final String TIME_FORMS =
            "an ISO time (2026-12-01T08:00:00Z, 2026-12-01) or a relative one (24 hours ago, yesterday, now-7d)";

    /** What an analyst does to an alert, as the bulk request's {@code action} and the pages' forms name it. */
    enum Action {
        ACKNOWLEDGE,
        CLOSE,
        REOPEN,
        ASSIGN,
        NOTE;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What bulk actions there are: every action but a note, which is written to one alert at a time. */
    static final Set<Action> BULK = EnumSet.of(Action.ACKNOWLEDGE, Action.CLOSE, Action.REOPEN, Action.ASSIGN);

    private AlertRequests() {}

    /**
     * The list's filters from the request's parameters (each may be given several times or as
     * a comma-separated list where it takes several values).
     */
    static AlertFilter filter(Map<String, String[]> parameters, Clock clock) {
        return new AlertFilter(
                several(parameters, "status", AlertStatus::of, AlertStatus.names(), AlertStatus.class),
                several(parameters, "severity", Severity::of, Severity.names(), Severity.class),
                single(parameters, "rule", MAX_ID),
                single(parameters, "host", MAX_ID),
                time(parameters, "from", clock),
                time(parameters, "to", clock),
                single(parameters, "q", MAX_TEXT));
    }

    static int size(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            int size = Integer.parseInt(text.strip());
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new AlertInputException("size must be a number from 1 to " + MAX_SIZE + ", got '" + text + "'");
    }

    static Action action(String text, Set<Action> allowed) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Action action : allowed) {
            if (action.id().equals(wanted)) {
                return action;
            }
        }
        String names =
                String.join(", ", allowed.stream().map(Action::id).sorted().toList());
        throw new AlertInputException(
                wanted.isEmpty()
                        ? "action is required: one of " + names
                        : "action must be one of " + names + ", got '" + text + "'");
    }

    /** The change an action makes, from the inputs it takes (the others are not looked at). */
    static Change change(Action action, String reason, String assignee, String text) {
        return switch (action) {
            case ACKNOWLEDGE -> new Change.Acknowledge();
            case CLOSE -> new Change.Close(reason);
            case REOPEN -> new Change.Reopen();
            case ASSIGN -> new Change.Assign(assignee);
            case NOTE -> new Change.AddNote(text);
        };
    }

    /** The alert ids of a bulk request: 1 to {@link Triage#MAX_IDS}, none blank. */
    static List<String> ids(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new AlertInputException("ids is required: the alerts to change, 1 to " + Triage.MAX_IDS);
        }
        if (ids.size() > Triage.MAX_IDS) {
            throw new AlertInputException(
                    "ids holds " + ids.size() + " alerts; at most " + Triage.MAX_IDS + " at once");
        }
        for (String id : ids) {
            id(id);
        }
        return List.copyOf(ids);
    }

    static String id(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID) {
            throw new AlertInputException("an alert id is 1 to " + MAX_ID + " characters, got '" + id + "'");
        }
        return id;
    }

    /**
     * The fields of a JSON body, which must be an object holding only {@code allowed} fields
     * (a misspelt field would otherwise be ignored, and {@code "reasn"} close an alert without
     * its reason). An empty body reads as {@code {}}.
     */
    static JsonBody body(JsonNode body, Set<String> allowed) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new JsonBody(null);
        }
        if (!body.isObject()) {
            throw new AlertInputException("the body must be a JSON object with " + names(allowed));
        }
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new AlertInputException("unknown field '" + name + "' in the body; it takes " + names(allowed));
            }
        }
        return new JsonBody(body);
    }

    /** A checked JSON body's fields. */
    record JsonBody(JsonNode node) {

        boolean has(String field) {
            return node != null && node.has(field) && !node.get(field).isNull();
        }

        /** The text of a field, or null when it is left out; anything but a string is refused. */
        String text(String field) {
            if (!has(field)) {
                return null;
            }
            JsonNode value = node.get(field);
            if (!value.isString()) {
                throw new AlertInputException(field + " must be a string, got " + value);
            }
            return value.asString();
        }

        List<String> texts(String field) {
            if (!has(field)) {
                return null;
            }
            JsonNode value = node.get(field);
            if (!value.isArray()) {
                throw new AlertInputException(field + " must be an array of strings, got " + kind(value));
            }
            List<String> out = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isString()) {
                    throw new AlertInputException(field + " must hold strings only, got " + element);
                }
                out.add(element.asString());
            }
            return out;
        }

        private static String kind(JsonNode value) {
            return value.isObject() ? "an object" : value.toString();
        }
    }

    private static String names(Set<String> allowed) {
        return allowed.isEmpty()
                ? "no fields"
                : String.join(", ", allowed.stream().sorted().toList());
    }

    private static <E extends Enum<E>> Set<E> several(
            Map<String, String[]> parameters,
            String name,
            Function<String, Optional<E>> parse,
            String names,
            Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        for (String given : parameters.getOrDefault(name, new String[0])) {
            for (String part : given.split(",")) {
                if (!part.isBlank()) {
                    values.add(parse.apply(part)
                            .orElseThrow(() -> new AlertInputException(
                                    name + " must be one of " + names + ", got '" + part.strip() + "'")));
                }
            }
        }
        return values;
    }

    private static String single(Map<String, String[]> parameters, String name, int max) {
        String[] values = parameters.getOrDefault(name, new String[0]);
        List<String> set = Arrays.stream(values).filter(v -> !v.isBlank()).toList();
        if (set.size() > 1) {
            throw new AlertInputException(name + " is given " + set.size() + " times; give it once");
        }
        if (set.isEmpty()) {
            return null;
        }
        if (set.get(0).length() > max) {
            throw new AlertInputException(name + " is longer than " + max + " characters");
        }
        return set.get(0).strip();
    }

    private static Instant time(Map<String, String[]> parameters, String name, Clock clock) {
        String text = single(parameters, name, 100);
        if (text == null) {
            return null;
        }
        return TimeExpressions.parse(text, clock)
                .orElseThrow(() -> new AlertInputException(name + " must be " + TIME_FORMS + ", got '" + text + "'"));
    }
}
