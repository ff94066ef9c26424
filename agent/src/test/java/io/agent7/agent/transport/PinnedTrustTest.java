package io.agent7.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HTTPS server with a certificate of a CA made here (with the JDK's keytool, as
 * {@code ./agent7 up} does): the agent's client reaches it with that CA pinned and refuses it
 * with any other.
 */
class PinnedTrustTest {

    static final String PASSWORD = "changeit-test";

    @TempDir
    static Path dir;

    static HttpsServer server;

    @BeforeAll
    static void startServer() throws Exception {
        makeCa("ca");
        makeCa("other");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-validity",
                "30",
                "-keystore",
                dir.resolve("server.p12").toString());
        keytool(
                "-certreq",
                "-alias",
                "server",
                "-keystore",
                dir.resolve("server.p12").toString(),
                "-file",
                dir.resolve("server.csr").toString());
        keytool(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                dir.resolve("ca.p12").toString(),
                "-infile",
                dir.resolve("server.csr").toString(),
                "-outfile",
                dir.resolve("server.pem").toString(),
                "-rfc",
                "-ext",
                "san=dns:localhost,ip:127.0.0.1",
                "-ext",
                "eku=serverAuth",
                "-validity",
                "30");
        keytool(
                "-importcert",
                "-alias",
                "ca",
                "-keystore",
                dir.resolve("server.p12").toString(),
                "-file",
                dir.resolve("ca.pem").toString(),
                "-noprompt");
        keytool(
                "-importcert",
                "-alias",
                "server",
                "-keystore",
                dir.resolve("server.p12").toString(),
                "-file",
                dir.resolve("server.pem").toString());

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(dir.resolve("server.p12").toFile())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void trustsTheServerThroughThePinnedCa() throws Exception {
        var client = ServerClient.client(Files.readString(dir.resolve("ca.pem")));
        HttpResponse<String> response = client.send(request(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void refusesTheServerUnderAnyOtherCa() throws Exception {
        var client = ServerClient.client(Files.readString(dir.resolve("other.pem"), StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> client.send(request(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void refusesAFileThatIsNotACertificate() {
        assertThatThrownBy(() -> PinnedTrust.sslContext("not a certificate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pinned CA");
    }

    private static HttpRequest request() {
        return HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .build();
    }

    private static void makeCa(String name) throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-ext",
                "bc:c",
                "-validity",
                "30",
                "-keystore",
                dir.resolve(name + ".p12").toString());
        keytool(
                "-exportcert",
                "-alias",
                "ca",
                "-rfc",
                "-keystore",
                dir.resolve(name + ".p12").toString(),
                "-file",
                dir.resolve(name + ".pem").toString());
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
