package io.agent7.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * The span of server time one run of a rule covers, start inclusive, end exclusive, over
 * {@code event.ingested}: the items that became part of the index in it.
 */
public record Window(Instant start, Instant end) {
    public Window {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("Window ends (" + end + ") before it starts (" + start + ")");
        }
    }
}
