package io.agent7.detections.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Sends a notice as a plain-text email through the configured SMTP server, one connection per
 * message: alerts are few, and a connection held open would only go stale between them.
 *
 * <p>What SMTP says decides what is retried: a 4xx reply is transient by the protocol's own
 * definition (greylisting, a full queue, a server shutting down), as is a server that cannot
 * be reached; a 5xx reply (an unknown recipient, a message refused) and a failed login are
 * permanent.
 */
final class EmailSender implements Sender {

    private static final Pattern GREETING_4XX = Pattern.compile("bad greeting .*response: 4\\d\\d");

    private final NotificationProperties.Smtp smtp;
    private final Session session;

    EmailSender(NotificationProperties.Smtp smtp) {
        this.smtp = smtp;
        this.session = Session.getInstance(properties(smtp));
    }

    private static Properties properties(NotificationProperties.Smtp smtp) {
        String millis = Long.toString(smtp.timeout().toMillis());
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", smtp.host());
        p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
        p.setProperty("mail.smtp.from", smtp.from());
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.auth", Boolean.toString(smtp.authenticates()));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        return p;
    }

    @Override
    public void send(AlertNotice notice, Target target) throws DeliveryException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.from(), true));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(target.address(), true));
            message.setSubject(NoticeText.subject(notice), StandardCharsets.UTF_8.name());
            message.setText(NoticeText.emailBody(notice), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            // RFC 3834: out-of-office replies and the like must not answer an automatic message.
            message.setHeader("Auto-Submitted", "auto-generated");
            if (smtp.authenticates()) {
                Transport.send(message, smtp.username(), smtp.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            String reason = "SMTP " + smtp.host() + ":" + smtp.port() + ": " + NoticeText.oneLine(String.valueOf(e));
            if (isTransient(e)) {
                throw DeliveryException.retryable(reason, null, e);
            }
            throw DeliveryException.permanent(reason, e);
        }
    }

    /**
     * Whether the failure may pass: a 4xx reply anywhere in the chain (a send failure carries
     * the per-recipient ones as its next exceptions), or no server to talk to.
     */
    static boolean isTransient(MessagingException failure) {
        if (failure instanceof AuthenticationFailedException) {
            return false;
        }
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            int code = replyCode(current);
            if (code >= 400 && code < 500) {
                return true;
            }
            if (current instanceof MailConnectException || current instanceof IOException) {
                return true;
            }
            // A reply to the greeting (421 "shutting down") comes as a bare MessagingException
            // that only quotes the reply.
            if (current instanceof MessagingException m
                    && m.getMessage() != null
                    && GREETING_4XX.matcher(m.getMessage()).find()) {
                return true;
            }
            Throwable next = current instanceof MessagingException m ? m.getNextException() : null;
            current = next != null ? next : current.getCause();
        }
        return false;
    }

    private static int replyCode(Throwable failure) {
        if (failure instanceof SMTPSendFailedException f) {
            return f.getReturnCode();
        }
        if (failure instanceof SMTPAddressFailedException f) {
            return f.getReturnCode();
        }
        return -1;
    }
}
