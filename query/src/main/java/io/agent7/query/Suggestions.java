package io.agent7.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The names nearest to one that was mistyped, for "did you mean" in errors. */
public final class Suggestions {

    private static final int MAX = 5;

    private Suggestions() {}

    public static List<String> nearest(String wrong, String... choices) {
        return nearest(wrong, Arrays.asList(choices));
    }

    /**
     * Up to five choices, nearest first: those that contain the wrong name or that it
     * contains, and those within an edit distance of a third of its length.
     */
    public static List<String> nearest(String wrong, Collection<String> choices) {
        String w = wrong.toLowerCase(Locale.ROOT).trim();
        if (w.isEmpty()) {
            return List.of();
        }
        int limit = Math.max(2, w.length() / 3);
        record Scored(String name, int score) {}
        return choices.stream()
                .distinct()
                .map(c -> {
                    String n = c.toLowerCase(Locale.ROOT);
                    int d = distance(w, n);
                    boolean related = n.endsWith("." + w) || n.contains(w) || (n.length() >= 3 && w.contains(n));
                    return new Scored(c, related ? Math.min(d, limit) : d);
                })
                .filter(s -> s.score <= limit)
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
                .limit(MAX)
                .map(Scored::name)
                .toList();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
