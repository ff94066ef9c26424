package io.agent7.agent.collect.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import io.agent7.schema.JsonTrees;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The mapping of user, group and computer entries as a domain controller returns them. */
class AdDocumentsTest {

    static final String SID = GroupGraphTest.DOMAIN_SID;
    static final AdDocuments.Domain DOMAIN = new AdDocuments.Domain("agent7.test", "AGENT7", SID, GroupGraphTest.BASE);
    static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");

    /** objectSid as AD stores it: revision, count, 48-bit authority, little-endian sub-authorities. */
    static byte[] sidBytes(long... subAuthorities) {
        byte[] bytes = new byte[8 + 4 * subAuthorities.length];
        bytes[0] = 1;
        bytes[1] = (byte) subAuthorities.length;
        bytes[7] = 5;
        for (int i = 0; i < subAuthorities.length; i++) {
            long v = subAuthorities[i];
            for (int b = 0; b < 4; b++) {
                bytes[8 + 4 * i + b] = (byte) (v >>> (8 * b));
            }
        }
        return bytes;
    }

    static GroupGraph graph() {
        GroupGraph graph = new GroupGraph("AGENT7", SID);
        graph.addGroup(
                GroupGraphTest.dn("Domain Admins"), "Domain Admins", SID + "-512", List.of(GroupGraphTest.dn("Ops")));
        graph.addGroup(GroupGraphTest.dn("Ops"), "Ops", SID + "-1103", List.of(GroupGraphTest.dn("svc_sql")));
        graph.addGroup(GroupGraphTest.dn("Domain Users"), "Domain Users", SID + "-513", List.of());
        graph.addAccount(GroupGraphTest.dn("svc_sql"), "svc_sql", SID + "-1200", 513, false);
        return graph.link();
    }

    @Test
    void aStaleKerberoastablePrivilegedServiceAccount() {
        Entry entry = new Entry(GroupGraphTest.dn("svc_sql"));
        entry.addAttribute("sAMAccountName", "svc_sql");
        entry.addAttribute("userPrincipalName", "svc_sql@agent7.test");
        entry.addAttribute("objectSid", sidBytes(21, 1, 2, 3, 1200));
        entry.addAttribute(
                "objectGUID", new byte[] {0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78, 0x56, 1, 2, 3, 4, 5, 6, 7, 8});
        // NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD | TRUSTED_FOR_DELEGATION | DONT_REQ_PREAUTH
        entry.addAttribute("userAccountControl", Long.toString(0x200 | 0x10000 | 0x80000 | 0x400000));
        entry.addAttribute("msDS-User-Account-Control-Computed", "0");
        entry.addAttribute(
                "lastLogonTimestamp", Long.toString(AdValues.toFileTime(Instant.parse("2026-05-01T10:00:00Z"))));
        entry.addAttribute("pwdLastSet", Long.toString(AdValues.toFileTime(Instant.parse("2024-01-01T00:00:00Z"))));
        entry.addAttribute("accountExpires", "9223372036854775807");
        entry.addAttribute("servicePrincipalName", "MSSQLSvc/sql1.agent7.test:1433");
        entry.addAttribute("msDS-AllowedToDelegateTo", "cifs/fs1.agent7.test");
        entry.addAttribute("memberOf", GroupGraphTest.dn("Ops"));
        entry.addAttribute("whenCreated", "20240101000000.0Z");

        ObjectNode doc = AdDocuments.user(entry, DOMAIN, graph(), NOW);

        assertThat(JsonTrees.string(doc)).isEqualTo(JsonTrees.string(JsonTrees.read("""
                        {"user":{"name":"svc_sql","id":"S-1-5-21-1-2-3-1200","domain":"AGENT7",
                          "group":{"name":["Ops","Domain Users"]},"privileged":true,"enabled":true,
                          "last_logon":"2026-05-01T10:00:00.000Z","password_last_set":"2024-01-01T00:00:00.000Z"},
                         "ad_user":{"sam_account_name":"svc_sql","user_principal_name":"svc_sql@agent7.test",
                          "distinguished_name":"CN=svc_sql,CN=Users,DC=agent7,DC=test",
                          "object_guid":"12345678-1234-5678-0102-030405060708",
                          "user_account_control":4784640,
                          "uac_flags":["NORMAL_ACCOUNT","DONT_EXPIRE_PASSWORD","TRUSTED_FOR_DELEGATION","DONT_REQ_PREAUTH"],
                          "service_principal_names":["MSSQLSvc/sql1.agent7.test:1433"],
                          "member_of":["CN=Ops,CN=Users,DC=agent7,DC=test"],
                          "locked_out":false,"password_never_expires":true,"password_not_required":false,
                          "preauth_not_required":true,"delegation":["unconstrained","constrained"],
                          "when_created":"2024-01-01T00:00:00.000Z","domain_dns":"agent7.test",
                          "kerberoastable":true,"allowed_to_delegate_to":["cifs/fs1.agent7.test"],
                          "privileged_groups":["Domain Admins"],
                          "privilege_path":["svc_sql > Ops > Domain Admins"],
                          "groups":["Ops","Domain Admins","Domain Users"]}}
                        """)));
    }

    @Test
    void aDisabledOrExpiredAccountIsNotEnabledNorKerberoastable() {
        Entry disabled = new Entry(GroupGraphTest.dn("old"));
        disabled.addAttribute("sAMAccountName", "old");
        disabled.addAttribute("userAccountControl", Long.toString(0x200 | 0x2));
        disabled.addAttribute("servicePrincipalName", "HTTP/old.agent7.test");
        disabled.addAttribute("adminCount", "1");
        ObjectNode doc = AdDocuments.user(disabled, DOMAIN, graph(), NOW);
        assertThat(doc.at("/user/enabled").asBoolean()).isFalse();
        assertThat(doc.at("/ad_user/kerberoastable").asBoolean()).isFalse();
        assertThat(doc.at("/user/privileged").asBoolean()).as("adminCount=1").isTrue();
        assertThat(doc.at("/ad_user/privilege_path").get(0).asString()).isEqualTo("adminCount=1");

        Entry expired = new Entry(GroupGraphTest.dn("temp"));
        expired.addAttribute("sAMAccountName", "temp");
        expired.addAttribute("userAccountControl", "512");
        expired.addAttribute("accountExpires", Long.toString(AdValues.toFileTime(NOW.minusSeconds(60))));
        assertThat(AdDocuments.user(expired, DOMAIN, graph(), NOW)
                        .at("/user/enabled")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aComputerThatIsADomainController() {
        Entry dc = new Entry("CN=DC1,OU=Domain Controllers," + GroupGraphTest.BASE);
        dc.addAttribute("sAMAccountName", "DC1$");
        dc.addAttribute("dNSHostName", "dc1.agent7.test");
        dc.addAttribute("userAccountControl", Long.toString(0x2000 | 0x80000));
        dc.addAttribute("operatingSystem", "Windows Server 2022 Datacenter");
        dc.addAttribute("operatingSystemVersion", "10.0 (20348)");
        ObjectNode doc = AdDocuments.computer(dc, DOMAIN, NOW);
        assertThat(doc.at("/ad_computer/name").asString()).isEqualTo("DC1");
        assertThat(doc.at("/ad_computer/domain_controller").asBoolean()).isTrue();
        assertThat(doc.at("/ad_computer/delegation").get(0).asString()).isEqualTo("unconstrained");
        assertThat(doc.at("/ad_computer/laps").asBoolean()).isFalse();
        assertThat(doc.at("/ad_computer/enabled").asBoolean()).isTrue();
    }

    @Test
    void fileTimesAndIntervals() {
        assertThat(AdValues.fileTime("0")).isNull();
        assertThat(AdValues.fileTime("9223372036854775807")).isNull();
        assertThat(AdValues.fileTime("116444736000000000")).isEqualTo(Instant.EPOCH);
        assertThat(AdValues.interval("-36288000000000").toDays()).isEqualTo(42);
        assertThat(AdValues.interval("-9223372036854775808")).isZero();
        assertThat(AdValues.dnsName("DC=Agent7,DC=test")).isEqualTo("agent7.test");
        assertThat(AdValues.uacFlags(0x2 | 0x40000000L)).containsExactly("ACCOUNTDISABLE", "0x40000000");
    }

    @Test
    void gpLinksGiveOrderEnforcementAndState() {
        String gpLink = "[LDAP://cn={AAAAAAAA-0000-0000-0000-000000000001},cn=policies,cn=system,DC=agent7,DC=test;0]"
                + "[LDAP://CN={aaaaaaaa-0000-0000-0000-000000000002},CN=Policies,CN=System,DC=agent7,DC=test;2]"
                + "[LDAP://cn={AAAAAAAA-0000-0000-0000-000000000003},cn=policies,cn=system,DC=agent7,DC=test;1]";
        List<GpoDocuments.Link> links = GpoDocuments.links("OU=Servers,DC=agent7,DC=test", gpLink);
        assertThat(links)
                .containsExactly(
                        new GpoDocuments.Link(
                                "{AAAAAAAA-0000-0000-0000-000000000001}",
                                "OU=Servers,DC=agent7,DC=test",
                                "ou",
                                true,
                                false,
                                3),
                        new GpoDocuments.Link(
                                "{AAAAAAAA-0000-0000-0000-000000000002}",
                                "OU=Servers,DC=agent7,DC=test",
                                "ou",
                                true,
                                true,
                                2),
                        new GpoDocuments.Link(
                                "{AAAAAAAA-0000-0000-0000-000000000003}",
                                "OU=Servers,DC=agent7,DC=test",
                                "ou",
                                false,
                                false,
                                1));
        assertThat(GpoDocuments.links("DC=agent7,DC=test", "")).isEmpty();
    }
}
