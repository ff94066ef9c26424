package io.agent7.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import io.agent7.testkit.TestDirectory.AccountFlag;
import io.agent7.testkit.TestDirectory.UserSpec;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Samba AD DC, as the directory collectors' tests get it: LDAPS whose certificate a
 * client checks with hostname verification, and the directory a test defines written into it
 * and read back as the DC stores it. Runs against {@code ./agent7 test}'s DC when
 * {@code -Dagent7.samba.dir} is set, else against a DC of its own on 127.0.0.2, so that it
 * runs beside any DC already on 127.0.0.1.
 */
class SambaDomainControllerIT {

    /** AD's LDAP_MATCHING_RULE_IN_CHAIN: membership through any depth of nesting. */
    private static final String IN_CHAIN = ":1.2.840.113556.1.4.1941:=";

    private static SambaDomainController dc;
    private static boolean own;

    @BeforeAll
    static void startOrAttach() throws Exception {
        String shared = System.getProperty(SambaDomainController.DIR_PROPERTY);
        own = shared == null || shared.isBlank() || shared.startsWith("${");
        dc = own
                ? SambaDomainController.start(Files.createTempDirectory("agent7-samba-it-"), "127.0.0.2")
                : SambaDomainController.shared();
    }

    @AfterAll
    static void stop() {
        if (own && dc != null) {
            dc.close();
            assertThat(dc.dir()).doesNotExist();
        }
    }

    @Test
    void servesLdapsWithACertificateForItsAddressAndNameFromItsOwnCa() throws Exception {
        try (LDAPConnection ldap = dc.connectAsAdministrator()) {
            RootDSE root = ldap.getRootDSE();
            assertThat(root.getAttributeValue("defaultNamingContext")).isEqualTo(dc.baseDn());
            assertThat(root.getAttributeValue("dnsHostName")).isEqualToIgnoringCase(dc.fqdn());
        }

        SSLContext trustingTheCa = CertificateAuthority.trusting(dc.caCertificate());
        try (SSLSocket socket = (SSLSocket) trustingTheCa.getSocketFactory().createSocket(dc.address(), 636)) {
            var parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("LDAPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            Set<String> names = presented.getSubjectAlternativeNames().stream()
                    .map(name -> name.get(1).toString())
                    .collect(Collectors.toSet());
            assertThat(names).contains(dc.address(), "localhost", dc.fqdn());
        }

        LDAPConnectionOptions verifying = new LDAPConnectionOptions();
        verifying.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
        assertThatThrownBy(() -> new LDAPConnection(
                                SSLContext.getDefault().getSocketFactory(), verifying, dc.address(), 636)
                        .close())
                .as("the JDK's own trust store does not trust the DC's CA")
                .isInstanceOf(LDAPException.class);
    }

    @Test
    void writesTheDirectoryATestDefinesAndDefinesItAgainOnARerun() throws Exception {
        Defined first;
        try (TestDirectory directory = TestDirectory.on(dc)) {
            first = define(directory);
            // A second run against the same DC, as every test class after the first gets it.
            Defined again = define(directory);
            assertThat(again.gpo()).isNotEqualTo(first.gpo());
            first = again;
        }

        try (LDAPConnection ldap = dc.connectAsAdministrator()) {
            SearchResultEntry sql = ldap.getEntry(first.sqlService(), "*", "+");
            assertThat(sql.getAttributeValues("servicePrincipalName"))
                    .containsExactly("MSSQLSvc/sql1.agent7.test:1433");
            assertThat(sql.getAttributeValueAsInteger("userAccountControl") & 0x2)
                    .isZero();
            assertThat(sql.getAttributeValueAsInteger("userAccountControl") & AccountFlag.DONT_EXPIRE_PASSWORD.bit())
                    .isNotZero();
            assertThat(sql.getAttributeValueAsLong("pwdLastSet"))
                    .as("a password was set")
                    .isPositive();
            assertThat(sql.getAttributeValues("msDS-AllowedToDelegateTo")).containsExactly("cifs/fs1.agent7.test");
            assertThat(sql.getAttributeValue("adminCount")).isEqualTo("1");

            assertThat(ldap.getEntry(first.disabled(), "userAccountControl")
                                    .getAttributeValueAsInteger("userAccountControl")
                            & 0x2)
                    .isEqualTo(0x2);

            SearchResultEntry roastable = ldap.getEntry(first.roastable(), "userAccountControl");
            assertThat(roastable.getAttributeValueAsInteger("userAccountControl")
                            & (AccountFlag.DONT_REQ_PREAUTH.bit() | AccountFlag.PASSWD_NOTREQD.bit()))
                    .isEqualTo(AccountFlag.DONT_REQ_PREAUTH.bit() | AccountFlag.PASSWD_NOTREQD.bit());

            long lastLogon =
                    ldap.getEntry(first.stale(), "lastLogonTimestamp").getAttributeValueAsLong("lastLogonTimestamp");
            assertThat(lastLogon).isEqualTo(TestDirectory.fileTime(first.staleSince()));

            // Three levels of groups into Domain Admins: the operator is a domain admin through them.
            List<String> domainAdmins = ldap
                    .search(
                            dc.baseDn(),
                            SearchScope.SUB,
                            Filter.create("(memberOf" + IN_CHAIN
                                    + Filter.encodeValue("CN=Domain Admins,CN=Users," + dc.baseDn()) + ")"),
                            "1.1")
                    .getSearchEntries()
                    .stream()
                    .map(SearchResultEntry::getDN)
                    .toList();
            assertThat(domainAdmins).contains(first.operator(), first.tier1(), first.tier2(), first.tier3());
            assertThat(ldap.getEntry(first.operator(), "memberOf").getAttributeValues("memberOf"))
                    .containsExactly(first.tier3());

            SearchResultEntry computer = ldap.getEntry(first.computer(), "*");
            assertThat(computer.getAttributeValue("sAMAccountName")).isEqualTo("SRV01$");
            assertThat(computer.getAttributeValue("operatingSystem")).isEqualTo("Windows Server 2022 Standard");
            assertThat(computer.getAttributeValue("operatingSystemVersion")).isEqualTo("10.0 (20348)");
            assertThat(computer.getAttributeValue("dNSHostName")).isEqualTo("srv01.agent7.test");
            assertThat(computer.getAttributeValueAsInteger("userAccountControl"))
                    .isEqualTo(0x1000 | AccountFlag.TRUSTED_FOR_DELEGATION.bit());

            assertThat(ldap.getEntry(first.ou(), "gPLink").getAttributeValue("gPLink"))
                    .containsIgnoringCase("CN=" + first.gpo() + ",CN=Policies,CN=System," + dc.baseDn());
            SearchResultEntry gpo = ldap.getEntry("CN=" + first.gpo() + ",CN=Policies,CN=System," + dc.baseDn());
            assertThat(gpo.getAttributeValue("displayName")).isEqualTo("Agent7 IT baseline");
            assertThat(gpo.getObjectClassValues()).contains("groupPolicyContainer");
            assertThat(dc.sysvol().resolve(dc.domain()).resolve("Policies").resolve(first.gpo()))
                    .isDirectory();
            assertThat(ldap.getEntry("CN=" + first.gpo(), "1.1")).isNull();
        }

        try (LDAPConnection asTheUser = dc.connect("svc-sql@" + dc.domain(), "Sql-Service-Passw0rd!")) {
            assertThat(asTheUser.getRootDSE()).isNotNull();
        }
    }

    @Test
    void populatesGroupsNestedAsDeepAsAsked() throws Exception {
        // Primes, so that the last chain is cut short and users spread unevenly.
        TestDirectory.Population population;
        try (TestDirectory directory = TestDirectory.on(dc)) {
            population = directory.populate(23, 7, 5);
        }
        try (LDAPConnection ldap = dc.connectAsAdministrator()) {
            String top = "CN=bulk-g0001," + population.ouDn();
            List<SearchResultEntry> groupsBelowTop = ldap.search(
                            population.ouDn(),
                            SearchScope.ONE,
                            Filter.create("(&(objectClass=group)(memberOf" + IN_CHAIN + Filter.encodeValue(top) + "))"),
                            "cn")
                    .getSearchEntries();
            assertThat(groupsBelowTop)
                    .extracting(entry -> entry.getAttributeValue("cn"))
                    .containsExactlyInAnyOrder("bulk-g0002", "bulk-g0003", "bulk-g0004", "bulk-g0005");
            assertThat(ldap.search(population.ouDn(), SearchScope.ONE, "(objectClass=user)", "1.1")
                            .getEntryCount())
                    .as("users only: groups are not users")
                    .isEqualTo(23);
        }
    }

    private record Defined(
            String ou,
            String sqlService,
            String disabled,
            String roastable,
            String stale,
            Instant staleSince,
            String operator,
            String tier1,
            String tier2,
            String tier3,
            String computer,
            String gpo) {}

    private static Defined define(TestDirectory directory) {
        String ou = directory.ou("Agent7IT");
        String sql = directory.user(
                "Agent7IT",
                "svc-sql",
                UserSpec.enabledUser()
                        .password("Sql-Service-Passw0rd!")
                        .spns("MSSQLSvc/sql1.agent7.test:1433")
                        .flags(AccountFlag.DONT_EXPIRE_PASSWORD)
                        .allowedToDelegateTo("cifs/fs1.agent7.test")
                        .adminCount(1));
        String disabled = directory.user("Agent7IT", "left-company", UserSpec.disabledUser());
        String roastable = directory.user(
                "Agent7IT",
                "no-preauth",
                UserSpec.enabledUser().flags(AccountFlag.DONT_REQ_PREAUTH, AccountFlag.PASSWD_NOTREQD));
        Instant staleSince = Instant.now().minus(Duration.ofDays(200));
        String stale =
                directory.user("Agent7IT", "stale", UserSpec.enabledUser().lastLogon(staleSince));
        String operator = directory.user("Agent7IT", "operator", UserSpec.enabledUser());
        String tier3 = directory.group("Agent7IT", "Tier3", operator);
        String tier2 = directory.group("Agent7IT", "Tier2", tier3);
        String tier1 = directory.group("Agent7IT", "Tier1", tier2);
        directory.addMember(directory.domainAdmins(), tier1);
        String computer = directory.computer(
                "Agent7IT",
                "SRV01",
                "Windows Server 2022 Standard",
                "10.0 (20348)",
                "srv01.agent7.test",
                AccountFlag.TRUSTED_FOR_DELEGATION);
        String gpo = directory.gpo("Agent7 IT baseline", "Agent7IT");
        return new Defined(
                ou, sql, disabled, roastable, stale, staleSince, operator, tier1, tier2, tier3, computer, gpo);
    }
}
