package io.agent7.rules.elasticsearch;

import java.util.List;
import java.util.Map;

/** Reading a field of a stored document by its dotted name, whether stored nested or dotted. */
final class Sources {

    private Sources() {}

    /** The value at {@code path}, or null; an array's first element where a value is asked of an array. */
    static Object get(Map<String, Object> source, String path) {
        if (source == null) {
            return null;
        }
        if (source.containsKey(path)) {
            return source.get(path);
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            Object child = source.get(path.substring(0, dot));
            if (child instanceof List<?> list && !list.isEmpty()) {
                child = list.get(0);
            }
            if (child instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Object found = get((Map<String, Object>) map, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }
}
