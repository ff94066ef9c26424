package io.agent7.detections.notify;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a notification says about one alert: the engine makes one when a rule raises an alert
 * (or when a suppressed alert's count grows) and hands it to {@link Notifier#submit}.
 *
 * @param alertId    the alert document's id
 * @param ruleName   shown as the alert's title
 * @param severity   {@code low}, {@code medium}, {@code high} or {@code critical}; stored in lower case
 * @param hostId     the host the alert is about; null for an alert about no one host
 * @param hostName   its name, when known
 * @param reason     one or two sentences saying what was found
 * @param count      matches the alert stands for (more than one when suppressed or a threshold)
 * @param consoleUrl a link to the alert in the console; null lets the notifier make one from
 *                   {@code agent7.detections.notifications.console-url}, when that is set
 */
public record AlertNotice(
        String alertId,
        String ruleId,
        String ruleName,
        String severity,
        int riskScore,
        String hostId,
        String hostName,
        String reason,
        Instant raisedAt,
        long count,
        String consoleUrl) {

    /** The severities, lowest first, as rules and channels spell them. */
    public static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    public AlertNotice {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(raisedAt, "raisedAt");
        severity = severity(severity);
    }

    /**
     * {@code value} in lower case, when it is one of {@link #SEVERITIES}.
     *
     * @throws IllegalArgumentException naming the value and the ones allowed
     */
    static String severity(String value) {
        String lower = value == null ? null : value.trim().toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(lower)) {
            throw new IllegalArgumentException(
                    "severity '" + value + "' is not one of " + String.join(", ", SEVERITIES));
        }
        return lower;
    }

    /** The host as a person would name it: its name, else its id; null for no host. */
    String host() {
        return hostName != null && !hostName.isBlank() ? hostName : hostId;
    }

    AlertNotice withConsoleUrl(String url) {
        return new AlertNotice(
                alertId, ruleId, ruleName, severity, riskScore, hostId, hostName, reason, raisedAt, count, url);
    }
}
