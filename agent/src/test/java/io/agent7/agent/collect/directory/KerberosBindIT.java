package io.agent7.agent.collect.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.testkit.SambaDomainController;
import io.agent7.testkit.TestDirectory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kerberos (GSSAPI) binds to the real Samba AD DC the build runs against: with a keytab, as a
 * domain-joined Linux host binds with its own, and with a password. The DC is named by its
 * address only: the service principal's name comes from its root DSE, the KDC is the DC itself.
 */
class KerberosBindIT {

    static final SambaDomainController DC = SambaDomainController.shared();
    static final String OU = "agent7-kerberos-it";
    static final String ACCOUNT = "krb-collector";
    static final String PASSWORD = "Kerberos-IT-" + Long.toHexString(System.nanoTime()) + "!";

    @TempDir
    static Path dir;

    static Path keytab;

    @BeforeAll
    static void account() throws Exception {
        try (TestDirectory directory = TestDirectory.on(DC)) {
            directory.ou(OU);
            directory.user(OU, ACCOUNT, TestDirectory.UserSpec.enabledUser().password(PASSWORD));
        }
        keytab = dir.resolve("collector.keytab");
        DC.exportKeytab(ACCOUNT + "@" + DC.realm(), keytab);
        assertThat(Files.size(keytab)).isPositive();
    }

    @AfterAll
    static void removeAccount() {
        try (TestDirectory directory = TestDirectory.on(DC)) {
            directory.ou(OU); // replaced by an empty one: the account is gone
        }
    }

    @Test
    void aKeytabBindsOverPlainLdapSignedAndSealed() {
        try (Ldap ldap = Ldap.connect(settings(DC.ldapUrl(), DirectorySettings.Tls.NONE, null, keytab, null))) {
            assertThat(ldap.entry(accountDn(), "sAMAccountName").getAttributeValue("sAMAccountName"))
                    .as("a read only an authenticated connection gets")
                    .isEqualTo(ACCOUNT);
        }
    }

    @Test
    void aPasswordBindsOverLdapsBoundToTheTlsChannel() {
        try (Ldap ldap = Ldap.connect(
                settings(DC.ldapsUrl(), DirectorySettings.Tls.VERIFY, PASSWORD.toCharArray(), null, DC.address()))) {
            assertThat(ldap.entry(accountDn(), "sAMAccountName").getAttributeValue("sAMAccountName"))
                    .isEqualTo(ACCOUNT);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingIt() {
        char[] wrong = "not-the-password".toCharArray();
        assertThatThrownBy(() -> Ldap.connect(settings(DC.ldapUrl(), DirectorySettings.Tls.NONE, wrong, null, null)))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("the KDC refused the credentials of " + ACCOUNT + "@" + DC.realm())
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void anAnonymousReadGetsNothing() throws Exception {
        // What makes the reads above proof of a bind: the same read without one is refused.
        try (var anonymous = new com.unboundid.ldap.sdk.LDAPConnection(DC.address(), 389)) {
            assertThatThrownBy(() -> anonymous.getEntry(accountDn(), "sAMAccountName"))
                    .isInstanceOf(com.unboundid.ldap.sdk.LDAPException.class);
        }
    }

    private static String accountDn() {
        return "CN=" + ACCOUNT + ",OU=" + OU + "," + DC.baseDn();
    }

    private static DirectorySettings settings(
            URI server, DirectorySettings.Tls tls, char[] password, Path keytab, String kdc) {
        return new DirectorySettings(
                DC.domain(),
                List.of(server),
                tls,
                DC.caCertificate(),
                DirectorySettings.Auth.KERBEROS,
                DC.netbiosDomain() + "\\" + ACCOUNT,
                password,
                keytab,
                kdc,
                null,
                0,
                Duration.ofSeconds(20));
    }
}
