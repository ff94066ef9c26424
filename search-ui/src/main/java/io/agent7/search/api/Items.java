package io.agent7.search.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A document as answers show it: its id, then its source without nulls. */
final class Items {

    private Items() {}

    static Map<String, Object> of(SearchBackend.Hit hit) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("_id", hit.id());
        item.putAll(withoutNulls(hit.source()));
        return item;
    }

    /**
     * Stored documents hold explicit nulls for values an item lost (so an update clears them);
     * answers leave them out.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutNulls(Map<String, Object> source) {
        Map<String, Object> out = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                Map<String, Object> inner = withoutNulls((Map<String, Object>) nested);
                if (!inner.isEmpty()) {
                    out.put(key, inner);
                }
            } else if (value != null) {
                out.put(key, value);
            }
        });
        return out;
    }
}
