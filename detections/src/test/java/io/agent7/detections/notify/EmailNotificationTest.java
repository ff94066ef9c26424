package io.agent7.detections.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.agent7.detections.notify.Notifier.Stats;
import io.agent7.detections.notify.Target.Kind;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alert email through a real SMTP server (GreenMail) on loopback. */
class EmailNotificationTest {

    @RegisterExtension
    static final GreenMailExtension smtp =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final Target SOC = new Target(Kind.EMAIL, "soc@example.org", null);

    @Test
    void sendsSubjectRecipientAndThePlainTextFacts() throws Exception {
        try (Notifier notifier = new Notifier(Notices.withSmtp(smtp.getSmtp().getPort(), Notices.quickRetry(3)))) {
            notifier.submit(Notices.notice(), List.of(SOC));

            Eventually.until("the email", () -> notifier.stats().delivered() == 1);
        }

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("[Agent7] HIGH Encoded PowerShell on WS-042");
        assertThat(message.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("soc@example.org");
        assertThat(message.getFrom()).extracting(Object::toString).containsExactly("agent7@example.org");
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(message.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        // The last line break is the one SMTP's end of data takes for its own.
        assertThat(((String) message.getContent()).replace("\r\n", "\n")).isEqualTo("""
                        HIGH alert: Encoded PowerShell on WS-042

                        powershell.exe ran with -EncodedCommand

                        Severity:   high (risk score 73)
                        Host:       WS-042 (h-042)
                        Rule:       Encoded PowerShell (r-encoded-powershell)
                        Raised at:  2025-03-01T12:34:56Z
                        Count:      3
                        Alert:      a-0017

                        --\s
                        Sent by Agent7 detections.""");
    }

    @Test
    void retriesUntilTheServerComesUp() throws Exception {
        int port = TestReceiver.freePort();
        // Attempts enough to outlast a slow start of the server: the test ends at the delivery.
        try (Notifier notifier = new Notifier(Notices.withSmtp(port, Notices.quickRetry(500)))) {
            notifier.submit(Notices.notice("critical"), List.of(SOC));
            Eventually.until("a retry", () -> notifier.stats().retried() >= 1);
            assertThat(notifier.stats().delivered()).isZero();

            GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            late.start();
            try {
                Eventually.until("the email", () -> notifier.stats().delivered() == 1);
                assertThat(late.getReceivedMessages()).hasSize(1);
                assertThat(late.getReceivedMessages()[0].getSubject())
                        .isEqualTo("[Agent7] CRITICAL Encoded PowerShell on WS-042");
                assertThat(notifier.stats().failed()).isZero();
            } finally {
                late.stop();
            }
        }
    }

    @Test
    void failsWithoutRetryingWhenNoMailServerIsConfigured() {
        try (Notifier notifier = new Notifier(Notices.properties(Notices.quickRetry(3)))) {
            notifier.submit(Notices.notice(), List.of(SOC));

            Eventually.until("the failure", () -> notifier.stats().failed() == 1);
            assertThat(notifier.stats()).isEqualTo(new Stats(0, 0, 1, 0));
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}
