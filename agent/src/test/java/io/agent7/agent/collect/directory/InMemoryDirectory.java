package io.agent7.agent.collect.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import io.agent7.testkit.CertificateAuthority;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An LDAPS directory in this JVM (UnboundID's in-memory server, without a schema so that AD's
 * attributes fit), with a certificate from a test CA: for the connection's faults that a real
 * domain controller cannot be made to show on demand (a slow page, a referral loop).
 */
final class InMemoryDirectory implements AutoCloseable {

    static final String BASE = "DC=agent7,DC=test";
    static final String ADMIN = "CN=Administrator,CN=Users," + BASE;
    static final String PASSWORD = "in-memory-secret";

    final InMemoryDirectoryServer server;
    final Path caFile;
    /** How long each search waits before it is answered: a slow DC. */
    final AtomicLong searchDelayMillis = new AtomicLong();

    InMemoryDirectory(Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Agent7 test directory CA", Duration.ofDays(1));
        CertificateAuthority.Issued issued =
                ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
        Path keystore = dir.resolve("directory.p12");
        issued.writePkcs12(keystore, "server", "changeit".toCharArray());
        caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, CertificateAuthority.pem(ca.certificate()));

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.addAdditionalBindCredentials(ADMIN, PASSWORD);
        SSLUtil tls = new SSLUtil(
                new KeyStoreKeyManager(keystore.toFile(), "changeit".toCharArray(), "PKCS12", "server"), null);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig(
                        "ldaps",
                        java.net.InetAddress.getLoopbackAddress(),
                        0,
                        tls.createSSLServerSocketFactory(),
                        null),
                InMemoryListenerConfig.createLDAPConfig(
                        "ldap", java.net.InetAddress.getLoopbackAddress(), 0, tls.createSSLSocketFactory()));
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                long delay = searchDelayMillis.get();
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        this.server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: agent7");
        server.startListening();
    }

    URI url() {
        return URI.create("ldaps://localhost:" + server.getListenPort("ldaps"));
    }

    /** Plain LDAP, which offers StartTLS with the same certificate. */
    URI startTlsUrl() {
        return URI.create("ldap://localhost:" + server.getListenPort("ldap"));
    }

    /** Settings that reach this directory as the administrator, verifying its certificate. */
    DirectorySettings settings(Duration timeout, int pageSize) {
        return settings(ADMIN, PASSWORD.toCharArray(), caFile, timeout, pageSize, List.of(url()));
    }

    static DirectorySettings settings(
            String user, char[] password, Path ca, Duration timeout, int pageSize, List<URI> servers) {
        return new DirectorySettings(
                "agent7.test",
                servers,
                DirectorySettings.Tls.VERIFY,
                ca,
                DirectorySettings.Auth.SIMPLE,
                user,
                password,
                null,
                null,
                null,
                pageSize,
                timeout);
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
