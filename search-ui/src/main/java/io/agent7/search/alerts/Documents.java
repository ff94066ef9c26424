package io.agent7.search.alerts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fields of a document held as nested maps, by their dotted names. Elasticsearch takes
 * {@code {"alert": {"status": ...}}} and {@code {"alert.status": ...}} as the same field, and a
 * writer may use either (the detection engine is not ours), so reading looks for both, and
 * writing first removes every spelling of the field: a field written twice would be indexed as
 * an array of both values.
 */
final class Documents {

    private Documents() {}

    /** The value at {@code path}, or null. */
    static Object value(Map<String, Object> document, String path) {
        Object direct = document.get(path);
        if (direct != null) {
            return direct;
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            if (document.get(path.substring(0, dot)) instanceof Map<?, ?> inner) {
                Object found = value(cast(inner), path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The value at {@code path} as a cell shows it: lists joined with ", ", missing as "". */
    static String text(Map<String, Object> document, String path) {
        return text(value(document, path));
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> many) {
            return many.stream().map(Documents::text).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    /** The values at {@code path} as strings: none, one, or a list's. */
    static List<String> texts(Map<String, Object> document, String path) {
        Object value = value(document, path);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> many) {
            return many.stream().filter(v -> v != null).map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    /** Sets the field, nested, after removing every other spelling of it. */
    static void set(Map<String, Object> document, String path, Object value) {
        remove(document, path);
        Map<String, Object> node = document;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = node.get(parts[i]);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                node.put(parts[i], next);
            }
            node = cast((Map<?, ?>) next);
        }
        node.put(parts[parts.length - 1], value);
    }

    /** Removes the field in every spelling, and objects it leaves empty. */
    static void remove(Map<String, Object> document, String path) {
        document.remove(path);
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            String head = path.substring(0, dot);
            if (document.get(head) instanceof Map<?, ?> inner) {
                Map<String, Object> child = cast(inner);
                remove(child, path.substring(dot + 1));
                if (child.isEmpty()) {
                    document.remove(head);
                }
            }
        }
    }

    /** A copy that shares no map or list with the original. */
    static Map<String, Object> copy(Map<String, Object> document) {
        Map<String, Object> out = new LinkedHashMap<>();
        document.forEach((k, v) -> out.put(k, copyValue(v)));
        return out;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy(cast(map));
        }
        if (value instanceof Collection<?> many) {
            List<Object> out = new ArrayList<>();
            many.forEach(v -> out.add(copyValue(v)));
            return out;
        }
        return value;
    }

    /** Every leaf by its dotted name, in the document's order; lists of plain values stay one entry. */
    static Map<String, String> flatten(Map<String, Object> document) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", document, out);
        return out;
    }

    private static void flatten(String prefix, Map<String, Object> node, Map<String, String> out) {
        node.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> inner) {
                flatten(name, cast(inner), out);
            } else if (value instanceof Collection<?> many && many.stream().anyMatch(v -> v instanceof Map<?, ?>)) {
                int i = 0;
                for (Object element : many) {
                    if (element instanceof Map<?, ?> inner) {
                        flatten(name + "[" + i + "]", cast(inner), out);
                    } else {
                        out.put(name + "[" + i + "]", text(element));
                    }
                    i++;
                }
            } else {
                out.put(name, text(value));
            }
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
