package io.agent7.detections.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which SMTP failures are worth another attempt: 4xx replies and no connection, not 5xx. */
class EmailSenderTest {

    static Stream<Arguments> failures() throws Exception {
        InternetAddress soc = new InternetAddress("soc@example.org");
        return Stream.of(
                Arguments.of(
                        "server down",
                        new MailConnectException(new SocketConnectException(
                                "refused", new ConnectException("Connection refused"), "127.0.0.1", 25, 10_000)),
                        true),
                Arguments.of("read timed out", new MessagingException("I/O", new SocketTimeoutException()), true),
                Arguments.of("451 on DATA", sendFailed(451), true),
                Arguments.of("554 on DATA", sendFailed(554), false),
                Arguments.of("452 for a recipient", recipientFailed(soc, 452), true),
                Arguments.of("550 for a recipient", recipientFailed(soc, 550), false),
                Arguments.of(
                        "421 greeting",
                        new MessagingException(
                                "Got bad greeting from SMTP host: mx, port: 25, response: 421 shutting down"),
                        true),
                Arguments.of("login refused", new AuthenticationFailedException("535 bad credentials"), false),
                Arguments.of("anything else", new MessagingException("no recipient addresses"), false));
    }

    private static MessagingException sendFailed(int code) {
        return new SMTPSendFailedException("DATA", code, code + " no", null, null, null, null);
    }

    /** As Transport.send reports a refused recipient: a send failure with the reply chained. */
    private static MessagingException recipientFailed(InternetAddress to, int code) {
        return new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO:<" + to.getAddress() + ">", code, code + " no"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void retriesOnlyWhatMayPass(String what, MessagingException failure, boolean transientFailure) {
        assertThat(EmailSender.isTransient(failure)).isEqualTo(transientFailure);
    }
}
