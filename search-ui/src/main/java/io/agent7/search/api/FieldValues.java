package io.agent7.search.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The values at a field's dotted path in a document's source, however the source spells the path. */
final class FieldValues {

    private FieldValues() {}

    /**
     * Every non-null value at {@code path}, arrays on the way flattened in order: {@code a.b} of
     * {@code {"a": [{"b": 1}, {"b": [2, 3]}]}} is 1, 2, 3. A key may hold dots itself
     * ({@code {"a.b": 1}}) or be one level of several ({@code {"a": {"b": 1}}}); both are found.
     */
    static List<Object> of(Map<String, Object> source, String path) {
        List<Object> values = new ArrayList<>();
        collect(source, path, values);
        return values;
    }

    private static void collect(Object node, String path, List<Object> values) {
        if (node instanceof List<?> list) {
            for (Object element : list) {
                collect(element, path, values);
            }
        } else if (path.isEmpty()) {
            if (node != null) {
                values.add(node);
            }
        } else if (node instanceof Map<?, ?> map) {
            for (int end = path.length(); end > 0; end = path.lastIndexOf('.', end - 1)) {
                String key = path.substring(0, end);
                if (map.containsKey(key)) {
                    collect(map.get(key), end == path.length() ? "" : path.substring(end + 1), values);
                }
            }
        }
    }
}
