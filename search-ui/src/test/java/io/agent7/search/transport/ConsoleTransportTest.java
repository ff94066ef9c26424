package io.agent7.search.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.Ssl;

class ConsoleTransportTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void httpsServesOnAnyAddress() throws Exception {
        assertThatCode(() -> ConsoleTransport.check(true, null, false)).doesNotThrowAnyException();
        assertThatCode(() -> ConsoleTransport.check(true, InetAddress.getByName("192.0.2.7"), false))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesToStartWithoutACertificateUnlessPlainHttpIsAskedFor() {
        assertThatThrownBy(() -> ConsoleTransport.check(false, LOOPBACK, false))
                .hasMessageContaining("server.ssl.bundle")
                .hasMessageContaining("agent7.console.plain-http=true");
    }

    @Test
    void plainHttpOnlyOnLoopback() throws Exception {
        assertThatCode(() -> ConsoleTransport.check(false, LOOPBACK, true)).doesNotThrowAnyException();
        assertThatCode(() -> ConsoleTransport.check(false, InetAddress.getByName("::1"), true))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ConsoleTransport.check(false, null, true)).hasMessageContaining("every interface");
        assertThatThrownBy(() -> ConsoleTransport.check(false, InetAddress.getByName("192.0.2.7"), true))
                .hasMessageContaining("192.0.2.7");
    }

    @Test
    void plainHttpAndACertificateTogetherAreAMistake() {
        assertThatThrownBy(() -> ConsoleTransport.check(true, LOOPBACK, true)).hasMessageContaining("one or the other");
    }

    @Test
    void httpsMeansEnabledWithSomethingToServe() {
        Ssl ssl = new Ssl();
        assertThat(ConsoleTransport.https(null)).isFalse();
        assertThat(ConsoleTransport.https(ssl)).isFalse();
        ssl.setBundle("agent7");
        assertThat(ConsoleTransport.https(ssl)).isTrue();
        ssl.setEnabled(false);
        assertThat(ConsoleTransport.https(ssl)).isFalse();
    }
}
