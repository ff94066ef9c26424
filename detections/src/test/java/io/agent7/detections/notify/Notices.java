package io.agent7.detections.notify;

import io.agent7.detections.notify.NotificationProperties.Channel;
import io.agent7.detections.notify.NotificationProperties.Retry;
import io.agent7.detections.notify.NotificationProperties.Smtp;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Notices and configurations the notification tests share. */
final class Notices {

    private Notices() {}

    static AlertNotice notice(String severity) {
        return new AlertNotice(
                "a-0017",
                "r-encoded-powershell",
                "Encoded PowerShell",
                severity,
                73,
                "h-042",
                "WS-042",
                "powershell.exe ran with -EncodedCommand",
                Instant.parse("2025-03-01T12:34:56Z"),
                3,
                null);
    }

    static AlertNotice notice() {
        return notice("high");
    }

    /** Retries after 20 ms, doubling up to 200 ms: quick, and still exponential. */
    static Retry quickRetry(int maxAttempts) {
        return new Retry(Duration.ofMillis(20), Duration.ofMillis(200), maxAttempts);
    }

    static NotificationProperties properties(List<Channel> channels, Retry retry) {
        return new NotificationProperties(channels, null, null, retry, null, null, null);
    }

    static NotificationProperties properties(Retry retry) {
        return properties(List.of(), retry);
    }

    static NotificationProperties withSmtp(int port, Retry retry) {
        Smtp smtp = new Smtp("127.0.0.1", port, null, null, null, "agent7@example.org", Duration.ofSeconds(10));
        return new NotificationProperties(List.of(), smtp, null, retry, null, null, null);
    }

    static NotificationProperties withConsole(String consoleUrl) {
        return new NotificationProperties(null, null, null, quickRetry(3), null, null, URI.create(consoleUrl));
    }
}
