package io.agent7.search.transport;

import java.net.InetAddress;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.stereotype.Component;

/**
 * How the console is served. Analysts type the admin password into it (HTTP Basic or the
 * login form), so it serves HTTPS ({@code server.ssl.*}); plain HTTP only when asked for by
 * name ({@code agent7.console.plain-http=true}), and then only on a loopback address, where no
 * one on the network can read the password. Checked as the web server is made, before it
 * binds its port: a console that would serve passwords in clear text does not start.
 */
@Component
class ConsoleTransport implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> {

    private final ServerProperties server;
    private final Settings settings;

    ConsoleTransport(ServerProperties server, Settings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** @param plainHttp serve plain HTTP on a loopback {@code server.address} (default false) */
    @ConfigurationProperties("agent7.console")
    record Settings(boolean plainHttp) {}

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        check(https(server.getSsl()), server.getAddress(), settings.plainHttp());
    }

    static boolean https(Ssl ssl) {
        return Ssl.isEnabled(ssl)
                && (ssl.getBundle() != null || ssl.getKeyStore() != null || ssl.getCertificate() != null);
    }

    static void check(boolean https, InetAddress address, boolean plainHttp) {
        if (https && plainHttp) {
            throw new IllegalStateException("agent7.console.plain-http=true but server.ssl is configured:"
                    + " the console serves one or the other; drop one of the two settings");
        }
        if (https) {
            return;
        }
        if (!plainHttp) {
            throw new IllegalStateException(
                    "The console serves HTTPS and has no certificate: set server.ssl.bundle"
                            + " (or server.ssl.certificate and server.ssl.certificate-private-key), see docs/DEPLOYMENT.md;"
                            + " for plain HTTP on loopback only, set agent7.console.plain-http=true and server.address=127.0.0.1");
        }
        if (address == null || !address.isLoopbackAddress()) {
            throw new IllegalStateException("agent7.console.plain-http=true needs server.address on loopback"
                    + " (127.0.0.1 or ::1), got "
                    + (address == null ? "none (every interface)" : address.getHostAddress())
                    + ": passwords sent in clear text must not cross the network");
        }
    }
}
