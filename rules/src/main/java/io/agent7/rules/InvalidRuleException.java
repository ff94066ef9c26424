package io.agent7.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule that cannot be saved or run, with every problem found: each names the field (a
 * path such as {@code threshold.group_by}) and what is wrong. The API answers it as a 400.
 */
public final class InvalidRuleException extends IllegalArgumentException {

    private final transient List<Problem> problems;

    public InvalidRuleException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public InvalidRuleException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One thing wrong: where ({@code field}, empty for the whole rule) and what. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field.isEmpty() ? message : field + ": " + message;
        }
    }
}
