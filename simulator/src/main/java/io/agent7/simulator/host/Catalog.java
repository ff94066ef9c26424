package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A shared, immutable list of entries with an index by key. Per-host state refers to
 * entries by their index (a short), which is what keeps ten thousand hosts small.
 */
final class Catalog<T> {

    private final List<T> entries;
    private final Map<String, Integer> byKey = new HashMap<>();

    Catalog(List<T> entries, Function<T, String> key) {
        this.entries = List.copyOf(entries);
        for (int i = 0; i < this.entries.size(); i++) {
            if (byKey.put(key.apply(this.entries.get(i)), i) != null) {
                throw new IllegalArgumentException("Duplicate catalogue key " + key.apply(this.entries.get(i)));
            }
        }
    }

    T get(int index) {
        return entries.get(index);
    }

    int size() {
        return entries.size();
    }

    List<T> all() {
        return entries;
    }

    int index(String key) {
        Integer index = byKey.get(key);
        if (index == null) {
            throw new IllegalArgumentException("No catalogue entry " + key);
        }
        return index;
    }

    boolean has(String key) {
        return byKey.containsKey(key);
    }

    T get(String key) {
        return entries.get(index(key));
    }

    /**
     * Rows of a pipe-separated table, blank lines and # comments skipped, each cut into
     * exactly {@code columns} cells. The last cell may itself contain pipes (shell commands).
     */
    static List<String[]> rows(String table, int columns) {
        List<String[]> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split("\\|", columns);
            if (cells.length != columns) {
                throw new IllegalArgumentException(
                        "Expected " + columns + " cells, got " + cells.length + ": " + trimmed);
            }
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            rows.add(cells);
        }
        return rows;
    }
}
