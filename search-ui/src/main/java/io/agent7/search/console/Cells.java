package io.agent7.search.console;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** A document's value at a dotted path, as a table cell shows it. */
final class Cells {

    private Cells() {}

    /** The value at {@code path} in nested maps; lists are joined with ", "; missing is "". */
    static String text(Map<String, Object> source, String path) {
        return text(value(source, path));
    }

    static Object value(Map<String, Object> source, String path) {
        Object node = source;
        int start = 0;
        while (node instanceof Map<?, ?> map) {
            Object direct = map.get(path.substring(start));
            if (direct != null) {
                return direct;
            }
            int dot = path.indexOf('.', start);
            if (dot < 0) {
                return null;
            }
            node = map.get(path.substring(start, dot));
            start = dot + 1;
        }
        return null;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> many) {
            return many.stream().map(Cells::text).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.toString();
        }
        return String.valueOf(value);
    }
}
