package io.agent7.query.request;

import io.agent7.query.QueryException;
import io.agent7.query.Span;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's raw query string as the query API's parameters, in both shapes it accepts:
 * {@code filter=...&limit=10}, and the original Agent7 API's, where {@code ;} separates the
 * parameters as well as the filter's clauses:
 * {@code as_json=True;filter=last_logon,gt,2 months ago;is_priv,eq,1;models=tasks;cmd_line,notlike,C:\Program Files\*}.
 *
 * <p>Each {@code &}-separated part is percent-decoded, then split on the {@code ;} that are
 * neither escaped ({@code \;}) nor inside a quoted value. A segment that starts with one of
 * the API's parameter names and {@code =} starts that parameter; any other segment continues
 * the one before it (another filter clause, another sort); the first segment of a part is a
 * parameter whatever its name, so that the caller can refuse an unknown one by name. {@code models=} and
 * {@code !models=} become part of the filter, where they open a join scope, so the order of
 * the clauses around them is kept. A filter given twice is the conjunction of both; any other
 * parameter given twice is an error.
 */
public final class QueryString {

    /** Every parameter the query API takes. */
    public static final Set<String> PARAMETERS = Set.of(
            "filter",
            "q",
            "type",
            "models",
            "state",
            "orderby",
            "limit",
            "offset",
            "cursor",
            "fields",
            "exc_fields",
            "groupby",
            "getcount",
            "distinct",
            "format",
            "as_json",
            "explain");

    private static final Pattern START = Pattern.compile("(!?)([A-Za-z_]+)=");

    private QueryString() {}

    /** The parameters by lower-case name, in the order first given; an absent query string gives none. */
    public static Map<String, String> parse(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            String decoded = decode(part);
            String current = null;
            for (String segment : segments(decoded)) {
                Matcher m = START.matcher(segment);
                String name = m.lookingAt() ? m.group(2).toLowerCase(Locale.ROOT) : null;
                if (name != null && PARAMETERS.contains(name)) {
                    if (name.equals("models")) {
                        append(parameters, "filter", segment);
                        current = "filter";
                        continue;
                    }
                    if (!m.group(1).isEmpty()) {
                        throw new QueryException(name, "'!' negates models= only; '" + segment + "' is not valid");
                    }
                    String value = segment.substring(m.end());
                    if (name.equals("filter")) {
                        append(parameters, "filter", value);
                    } else if (parameters.putIfAbsent(name, value) != null) {
                        throw new QueryException(
                                name, "Parameter '" + name + "' is given twice", Span.NONE, "one " + name, List.of());
                    }
                    current = name;
                } else if (current == null) {
                    // A name the API does not know: kept, for the caller to refuse naming it
                    // (QueryOptions.rejectUnknown) alongside the other options.
                    int eq = segment.indexOf('=');
                    String unknown = (eq < 0 ? segment : segment.substring(0, eq)).toLowerCase(Locale.ROOT);
                    if (parameters.putIfAbsent(unknown, eq < 0 ? "" : segment.substring(eq + 1)) != null) {
                        throw new QueryException(
                                unknown,
                                "Parameter '" + unknown + "' is given twice",
                                Span.NONE,
                                "one " + unknown,
                                List.of());
                    }
                    current = unknown;
                } else {
                    parameters.put(current, parameters.get(current) + ";" + segment);
                }
            }
        }
        return parameters;
    }

    private static void append(Map<String, String> parameters, String name, String text) {
        parameters.merge(name, text, (a, b) -> a.isEmpty() ? b : a + ";" + b);
    }

    /** Splits on {@code ;} outside quotes and not escaped; the pieces keep their escapes. */
    static List<String> segments(String text) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\'
                    && i + 1 < text.length()
                    && (text.charAt(i + 1) == ';' || (quoted && text.charAt(i + 1) == '"'))) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"' && (quoted || i == 0 || ",|(".indexOf(text.charAt(i - 1)) >= 0)) {
                // A quote opens a value only where a value starts, as in the filter DSL.
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new QueryException(
                    "query string",
                    "A broken percent-escape in '" + part + "': " + e.getMessage(),
                    Span.NONE,
                    "%XX with two hex digits; write a literal % as %25",
                    List.of());
        }
    }
}
