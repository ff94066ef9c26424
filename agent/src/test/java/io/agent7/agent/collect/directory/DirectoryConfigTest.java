package io.agent7.agent.collect.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryConfigTest {

    @TempDir
    Path state;

    Path write(String text, String mode) throws Exception {
        Path file = state.resolve(DirectoryConfig.FILE);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void readsAnOwnerOnlyFile() throws Exception {
        write("""
                domain=Agent7.TEST
                servers=ldaps://dc1.agent7.test:636, ldap://dc2.agent7.test
                user=svc-agent7@agent7.test
                password=s3cret!
                page_size=1000
                timeout=45
                """, "rw-------");
        DirectorySettings settings = DirectoryConfig.load(state);
        assertThat(settings.domain()).isEqualTo("agent7.test");
        assertThat(settings.servers()).hasSize(2);
        assertThat(settings.pageSize()).isEqualTo(1000);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.sysvolServer()).isEqualTo("dc1.agent7.test");
        assertThat(settings.userName()).isEqualTo("svc-agent7");
        assertThat(settings.toString()).doesNotContain("s3cret!");
    }

    @Test
    void refusesAFileOthersCanRead() throws Exception {
        Path file = write("domain=agent7.test\nservers=ldaps://dc1:636\nuser=a\npassword=s3cret!\n", "rw-r--r--");
        assertThatThrownBy(() -> DirectoryConfig.load(state))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("chmod 600 " + file)
                .hasMessageNotContaining("s3cret!");
    }

    @Test
    void namesEveryProblemAtOnceAndNeverThePassword() throws Exception {
        write("servers=http://dc1\npassword=s3cret!\ntls=none\ncolour=blue\n", "rw-------");
        assertThatThrownBy(() -> DirectoryConfig.load(state))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("domain is required")
                .hasMessageContaining("'http://dc1' is not an ldap:// or ldaps:// URL")
                .hasMessageContaining("tls=none is allowed with auth=kerberos only")
                .hasMessageContaining("auth=simple needs user and password")
                .hasMessageContaining("unknown setting 'colour'")
                .hasMessageNotContaining("s3cret!");
    }

    @Test
    void kerberosNeedsAPrincipalAndAllowsPlainLdap() throws Exception {
        write("domain=agent7.test\nservers=ldap://dc1.agent7.test\nauth=kerberos\ntls=none\n", "rw-------");
        assertThatThrownBy(() -> DirectoryConfig.load(state))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("auth=kerberos needs user");
        Path keytab = state.resolve("host.keytab");
        write(
                "domain=agent7.test\nservers=ldap://dc1.agent7.test\nauth=kerberos\ntls=none\n"
                        + "user=HOST$@AGENT7.TEST\nkeytab=" + keytab + "\nkdc=kdc1.agent7.test:88\n",
                "rw-------");
        assertThatThrownBy(() -> DirectoryConfig.load(state))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("keytab " + keytab + " cannot be read");
        Files.write(keytab, new byte[] {5, 2});
        DirectorySettings settings = DirectoryConfig.load(state);
        assertThat(settings.auth()).isEqualTo(DirectorySettings.Auth.KERBEROS);
        assertThat(settings.tls()).isEqualTo(DirectorySettings.Tls.NONE);
        assertThat(settings.keytab()).isEqualTo(keytab);
        assertThat(settings.kdc()).isEqualTo("kdc1.agent7.test:88");
        assertThat(settings.password()).isNull();
        assertThat(settings.kerberosPrincipal()).isEqualTo("HOST$@AGENT7.TEST");
    }

    @Test
    void theKerberosPrincipalIsTheUserInTheDomainsRealm() throws Exception {
        for (String user : new String[] {"AGENT7\\svc-agent7", "svc-agent7", "svc-agent7@agent7.test"}) {
            write(
                    "domain=agent7.test\nservers=ldap://dc1.agent7.test\nauth=kerberos\nuser=" + user
                            + "\npassword=pw\n",
                    "rw-------");
            assertThat(DirectoryConfig.load(state).kerberosPrincipal()).as(user).isEqualTo("svc-agent7@AGENT7.TEST");
        }
    }

    @Test
    void aKeytabIsForKerberosOnly() throws Exception {
        write(
                "domain=agent7.test\nservers=ldaps://dc1.agent7.test\nuser=svc\npassword=pw\nkeytab=/etc/krb5.keytab\n",
                "rw-------");
        assertThatThrownBy(() -> DirectoryConfig.load(state))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining("keytab is for auth=kerberos only");
    }

    @Test
    void aMissingFileSaysWhatToWrite() {
        assertThatThrownBy(() -> DirectoryConfig.load(state))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining(DirectoryConfig.FILE)
                .hasMessageContaining("docs/DIRECTORY.md");
    }
}
