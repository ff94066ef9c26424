package io.agent7.query.plan;

import io.agent7.query.bind.Bound;
import java.util.List;

/**
 * A query with its joins resolved: {@code filter} has no {@link Bound.Join} left, and
 * {@code steps} says what the planner ran to get there, for {@code explain=true}.
 */
public record Plan(Bound filter, List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    /**
     * One query the planner ran.
     *
     * @param action what it was for ("count", "keys")
     * @param type   the data type it ran on
     * @param query  the engine's query, as text
     * @param result the count, or the number of keys fetched
     * @param micros how long it took
     * @param note   why (which side drives a join, and why)
     */
    public record Step(String action, String type, String query, long result, long micros, String note) {}
}
