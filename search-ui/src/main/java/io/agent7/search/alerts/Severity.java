package io.agent7.search.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A rule's severity as an alert carries it ({@code alert.severity}), least first. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Severity> of(String text) {
        return Arrays.stream(values())
                .filter(s -> s.id().equals(text.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(Severity::id).collect(Collectors.joining(", "));
    }
}
