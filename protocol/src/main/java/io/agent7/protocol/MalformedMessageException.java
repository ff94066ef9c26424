package io.agent7.protocol;

import java.util.List;
import java.util.stream.Collectors;

/** A body that is not the message it should be: not JSON, or a field of the wrong kind. Names every such field. */
public final class MalformedMessageException extends RuntimeException {

    /** One wrong field, by its path in the message ({@code host.os.name}); null when the whole body is wrong. */
    public record Problem(String field, String reason) {}

    private final List<Problem> problems;

    public MalformedMessageException(String message, List<Problem> problems) {
        super(message + (problems.isEmpty() ? "" : ": " + describe(problems)));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        return problems.stream()
                .map(p -> p.field() == null ? p.reason() : p.field() + " " + p.reason())
                .collect(Collectors.joining("; "));
    }
}
