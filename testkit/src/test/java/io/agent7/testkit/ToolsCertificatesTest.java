package io.agent7.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code agent7-tools.jar certificates}, as {@code ./agent7 up} makes the ingest API's TLS: a
 * server holding {@code server.p12} is trusted by a client that trusts {@code ca.pem} alone,
 * under each name the certificate was made for, and by no client without it.
 */
class ToolsCertificatesTest {

    Path dir;
    HttpsServer server;

    @BeforeEach
    void serveWithTheCertificate() throws Exception {
        dir = Files.createTempDirectory("agent7-tools-test").resolve("tls");
        Tools.main(
                new String[] {"certificates", "--dir", dir.toString(), "--ca-name", "Test CA", "--host", "ingest.test"
                });

        char[] password = Files.readString(dir.resolve("password")).trim().toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aClientTrustingOnlyTheCaReachesTheServerByEachOfItsNames() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trusting(dir.resolve("ca.pem")))
                .build();
        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://" + host + ":"
                                    + server.getAddress().getPort() + "/"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).as(host).isEqualTo(204);
        }
    }

    @Test
    void aClientWithoutTheCaRefusesTheServer() {
        HttpClient client = HttpClient.newHttpClient();
        assertThatThrownBy(() -> client.send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                                        + server.getAddress().getPort() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theFilesAreTheOwnersAloneAndTheCaIsACa() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        for (String file : new String[] {"ca.pem", "server.p12", "password"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("ca.pem"))));
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Test CA");
        assertThat(ca.getBasicConstraints()).as("a CA").isNotNegative();
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trustManagers.getTrustManagers(), null);
        return ssl;
    }
}
