package io.agent7.ingest.policy;

import java.util.List;

/** A policy an admin wrote (or one stored earlier) that is not valid: every problem at once, nothing changed. */
public final class InvalidPolicyException extends RuntimeException {

    /** One wrong setting, by its path in the policy ({@code collectors.process.interval}); null for the whole policy. */
    public record Problem(String field, String reason) {}

    private final List<Problem> problems;

    InvalidPolicyException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
