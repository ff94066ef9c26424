package io.agent7.detections.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a notification, one wording for Slack, Teams and email: a headline, the facts
 * as title and value, and the link. Values from rules and events (names, reasons) are put on
 * one line where a line break would end a header or break a layout.
 */
final class NoticeText {

    private NoticeText() {}

    /** "HIGH alert: Encoded PowerShell on WS-042". */
    static String headline(AlertNotice notice) {
        return oneLine(severity(notice) + " alert: " + notice.ruleName() + onHost(notice));
    }

    /** "[Agent7] HIGH Encoded PowerShell on WS-042". */
    static String subject(AlertNotice notice) {
        return oneLine("[Agent7] " + severity(notice) + " " + notice.ruleName() + onHost(notice));
    }

    static String severity(AlertNotice notice) {
        return notice.severity().toUpperCase(Locale.ROOT);
    }

    static List<Fact> facts(AlertNotice notice) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Severity", notice.severity() + " (risk score " + notice.riskScore() + ")"));
        String host = host(notice);
        if (host != null) {
            facts.add(new Fact("Host", host));
        }
        facts.add(new Fact("Rule", oneLine(notice.ruleName()) + " (" + notice.ruleId() + ")"));
        facts.add(new Fact("Raised at", notice.raisedAt().toString()));
        facts.add(new Fact("Count", Long.toString(notice.count())));
        facts.add(new Fact("Alert", notice.alertId()));
        return facts;
    }

    /** The plain-text body of an alert email. */
    static String emailBody(AlertNotice notice) {
        StringBuilder body = new StringBuilder(headline(notice)).append("\n\n");
        if (hasReason(notice)) {
            body.append(notice.reason().strip()).append("\n\n");
        }
        List<Fact> facts = facts(notice);
        int width = facts.stream().mapToInt(f -> f.title().length() + 1).max().orElse(0) + 2;
        for (Fact fact : facts) {
            String label = fact.title() + ":";
            body.append(label)
                    .append(" ".repeat(width - label.length()))
                    .append(fact.value())
                    .append('\n');
        }
        if (notice.consoleUrl() != null) {
            body.append("\nOpen the alert: ").append(notice.consoleUrl()).append('\n');
        }
        return body.append("\n-- \nSent by Agent7 detections.\n").toString();
    }

    static boolean hasReason(AlertNotice notice) {
        return notice.reason() != null && !notice.reason().isBlank();
    }

    /** Name and id when both are known, so a renamed host can still be found. */
    private static String host(AlertNotice notice) {
        String shown = notice.host();
        if (shown == null) {
            return null;
        }
        return notice.hostId() == null || shown.equals(notice.hostId())
                ? oneLine(shown)
                : oneLine(shown) + " (" + notice.hostId() + ")";
    }

    private static String onHost(AlertNotice notice) {
        return notice.host() == null ? "" : " on " + notice.host();
    }

    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    record Fact(String title, String value) {}
}
