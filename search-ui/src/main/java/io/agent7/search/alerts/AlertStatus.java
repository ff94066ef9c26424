package io.agent7.search.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where an alert is in the analysts' workflow ({@code alert.status}). */
public enum AlertStatus {
    OPEN,
    ACKNOWLEDGED,
    CLOSED;

    /** As stored and as the API and the pages write it: {@code open}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AlertStatus> of(String text) {
        return Arrays.stream(values())
                .filter(s -> s.id().equals(text.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** {@code open, acknowledged, closed}: what an error names as the right values. */
    static String names() {
        return Arrays.stream(values()).map(AlertStatus::id).collect(Collectors.joining(", "));
    }
}
