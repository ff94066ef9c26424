package io.agent7.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --name value} options of the benchmark mains. A name the benchmark does not take
 * is an error: a mistyped option would otherwise run the default and print its figures.
 */
final class Args {

    /** What {@code ./agent7 bench} passes to every benchmark. */
    static final Set<String> COMMON = Set.of(
            "es", "ingest", "ingest-management", "site-key", "admin-password", "ingest-pid", "agent-jar", "cpu-layout");

    private final Map<String, String> values = new HashMap<>();

    /** {@code options}: the names this benchmark takes besides {@link #COMMON}. */
    Args(String[] args, String... options) {
        Set<String> known = new TreeSet<>(COMMON);
        known.addAll(Set.of(options));
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (!known.contains(name)) {
                Set<String> own = new TreeSet<>(Set.of(options));
                throw new IllegalArgumentException(
                        "Unknown option --" + name + "; this benchmark takes --" + String.join(", --", own));
            }
            values.put(name, args[++i]);
        }
    }

    String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing --" + name);
        }
        return value;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }
}
