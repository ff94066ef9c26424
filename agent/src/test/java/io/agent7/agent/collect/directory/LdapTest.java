package io.agent7.agent.collect.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.SearchScope;
import io.agent7.testkit.CertificateAuthority;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LDAP connection's paging and its faults, each of which must end the collection with an
 * error that says what happened and holds no password.
 */
class LdapTest {

    @TempDir
    Path dir;

    InMemoryDirectory directory;

    @BeforeEach
    void start() throws Exception {
        directory = new InMemoryDirectory(dir);
    }

    @AfterEach
    void stop() {
        directory.close();
    }

    /** Settings that bind as the directory's administrator, trusting {@code ca}, trying {@code servers} in order. */
    static DirectorySettings asAdmin(Path ca, URI... servers) {
        return InMemoryDirectory.settings(
                InMemoryDirectory.ADMIN,
                InMemoryDirectory.PASSWORD.toCharArray(),
                ca,
                Duration.ofSeconds(5),
                0,
                List.of(servers));
    }

    @Test
    void pagedSearchReturnsEveryEntryAcrossPages() throws Exception {
        directory.server.add(
                "dn: OU=People," + InMemoryDirectory.BASE, "objectClass: organizationalUnit", "ou: People");
        for (int i = 0; i < 1234; i++) {
            directory.server.add(
                    "dn: CN=user" + i + ",OU=People," + InMemoryDirectory.BASE,
                    "objectClass: user",
                    "sAMAccountType: 805306368",
                    "sAMAccountName: user" + i);
        }
        List<String> names = new ArrayList<>();
        try (Ldap ldap = Ldap.connect(directory.settings(Duration.ofSeconds(10), 100))) {
            ldap.search(
                    "users",
                    InMemoryDirectory.BASE,
                    SearchScope.SUB,
                    DirectoryReader.USERS,
                    List.of("sAMAccountName"),
                    e -> names.add(e.getAttributeValue("sAMAccountName")));
        }
        assertThat(names).hasSize(1234).doesNotHaveDuplicates().contains("user0", "user1233");
    }

    @Test
    void startTlsUpgradesPlainLdapAndVerifiesTheCertificate() throws Exception {
        DirectorySettings startTls = asAdmin(directory.caFile, directory.startTlsUrl());
        try (Ldap ldap = Ldap.connect(startTls)) {
            assertThat(ldap.server()).startsWith("ldap://localhost:");
            assertThat(ldap.entry(InMemoryDirectory.BASE, "dc")).isNotNull();
        }

        Path otherCa = dir.resolve("other-ca.pem");
        Files.writeString(
                otherCa,
                CertificateAuthority.pem(CertificateAuthority.create("Someone else", Duration.ofDays(1))
                        .certificate()));
        DirectorySettings untrusting = asAdmin(otherCa, directory.startTlsUrl());
        assertThatThrownBy(() -> Ldap.connect(untrusting))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("certificate does not verify against " + otherCa)
                .hasMessageNotContaining(InMemoryDirectory.PASSWORD);
    }

    @Test
    void aPageThatTimesOutIsAnErrorNamingTheSearch() throws Exception {
        try (Ldap ldap = Ldap.connect(directory.settings(Duration.ofMillis(500), 100))) {
            directory.searchDelayMillis.set(2_000);
            assertThatThrownBy(() -> ldap.search(
                            "users",
                            InMemoryDirectory.BASE,
                            SearchScope.SUB,
                            DirectoryReader.USERS,
                            List.of("cn"),
                            e -> {}))
                    .isInstanceOf(DirectoryError.class)
                    .hasMessageContaining("page 1 of the search for users did not come within");
        }
    }

    @Test
    void badCredentialsAreNamedWithoutThePassword() {
        DirectorySettings wrong = InMemoryDirectory.settings(
                InMemoryDirectory.ADMIN,
                "not-the-password".toCharArray(),
                directory.caFile,
                Duration.ofSeconds(5),
                0,
                List.of(directory.url(), directory.url()));
        assertThatThrownBy(() -> Ldap.connect(wrong))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("refused the credentials of " + InMemoryDirectory.ADMIN)
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void aCertificateFromAnotherCaDoesNotVerify() throws Exception {
        Path otherCa = dir.resolve("other-ca.pem");
        Files.writeString(
                otherCa,
                CertificateAuthority.pem(CertificateAuthority.create("Someone else", Duration.ofDays(1))
                        .certificate()));
        DirectorySettings untrusting = asAdmin(otherCa, directory.url());
        assertThatThrownBy(() -> Ldap.connect(untrusting))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("certificate does not verify against " + otherCa);
    }

    @Test
    void aCertificateForAnotherNameDoesNotVerify() {
        // The certificate names localhost and 127.0.0.1; reached by another name of this host, it must be refused.
        URI byOtherName = URI.create("ldaps://127.0.0.2:" + directory.server.getListenPort("ldaps"));
        DirectorySettings settings = asAdmin(directory.caFile, byOtherName);
        assertThatThrownBy(() -> Ldap.connect(settings)).isInstanceOf(DirectoryError.class);
    }

    @Test
    void anUnreachableControllerIsNamedAndTheNextOneIsTried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        URI down = URI.create("ldaps://localhost:" + closed);
        DirectorySettings onlyDown = asAdmin(directory.caFile, down);
        assertThatThrownBy(() -> Ldap.connect(onlyDown))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("ldaps://localhost:" + closed)
                .hasMessageContaining("cannot reach the domain controller");

        DirectorySettings downThenUp = asAdmin(directory.caFile, down, directory.url());
        try (Ldap ldap = Ldap.connect(downThenUp)) {
            assertThat(ldap.server()).isEqualTo("ldaps://localhost:" + directory.server.getListenPort("ldaps"));
        }
    }

    @Test
    void aReferralLoopEndsAsAnError() throws Exception {
        String loop = "OU=Loop," + InMemoryDirectory.BASE;
        directory.server.add(
                "dn: " + loop,
                "objectClass: referral",
                "objectClass: extensibleObject",
                "ou: Loop",
                "ref: " + directory.url().toString().replace("ldaps", "ldap") + "/" + loop);
        try (Ldap ldap = Ldap.connect(directory.settings(Duration.ofSeconds(5), 100))) {
            assertThatThrownBy(() ->
                            ldap.search("users", loop, SearchScope.SUB, DirectoryReader.USERS, List.of("cn"), e -> {}))
                    .isInstanceOf(DirectoryError.class)
                    .hasMessageContaining("referral");
        }
    }
}
