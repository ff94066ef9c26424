package io.agent7.agent.collect.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupGraphTest {

    static final String DOMAIN_SID = "S-1-5-21-1-2-3";
    static final String BASE = "DC=agent7,DC=test";

    static String dn(String cn) {
        return "CN=" + cn + ",CN=Users," + BASE;
    }

    @Test
    void privilegeComesThroughNestingThreeDeepWithItsPath() {
        GroupGraph graph = new GroupGraph("AGENT7", DOMAIN_SID);
        graph.addGroup(dn("Domain Admins"), "Domain Admins", DOMAIN_SID + "-512", List.of(dn("Tier0")));
        graph.addGroup(dn("Tier0"), "Tier0", DOMAIN_SID + "-1101", List.of(dn("Tier1")));
        graph.addGroup(dn("Tier1"), "Tier1", DOMAIN_SID + "-1102", List.of(dn("Ops")));
        graph.addGroup(dn("Ops"), "Ops", DOMAIN_SID + "-1103", List.of(dn("alice")));
        graph.addGroup(dn("Domain Users"), "Domain Users", DOMAIN_SID + "-513", List.of());
        graph.addAccount(dn("alice"), "alice", DOMAIN_SID + "-1200", 513, false);
        graph.addAccount(dn("bob"), "bob", DOMAIN_SID + "-1201", 513, false);
        graph.link();

        assertThat(graph.privilegePaths(dn("alice")).values())
                .containsExactly(List.of("Ops", "Tier1", "Tier0", "Domain Admins"));
        assertThat(graph.allGroupsOf(dn("alice")).stream().map(GroupGraph.Group::name))
                .containsExactlyInAnyOrder("Ops", "Tier1", "Tier0", "Domain Admins", "Domain Users");
        assertThat(graph.privilegePaths(dn("bob"))).isEmpty();
        assertThat(graph.privileged(DOMAIN_SID + "-1200")).isTrue();
        assertThat(graph.privileged(DOMAIN_SID + "-1201")).isFalse();
        assertThat(graph.privileged(DOMAIN_SID + "-1103"))
                .as("Ops, nested into Domain Admins")
                .isTrue();
        assertThat(graph.privileged(DOMAIN_SID + "-513")).isFalse();
        assertThat(graph.transitiveMemberNames(graph.group(dn("Domain Admins")).orElseThrow()))
                .containsExactlyInAnyOrder("Tier0", "Tier1", "Ops", "alice");
    }

    @Test
    void aMembershipCycleTerminates() {
        GroupGraph graph = new GroupGraph("AGENT7", DOMAIN_SID);
        graph.addGroup(dn("A"), "A", DOMAIN_SID + "-1101", List.of(dn("B"), dn("carol")));
        graph.addGroup(dn("B"), "B", DOMAIN_SID + "-1102", List.of(dn("C")));
        graph.addGroup(dn("C"), "C", DOMAIN_SID + "-1103", List.of(dn("A")));
        graph.addAccount(dn("carol"), "carol", DOMAIN_SID + "-1200", 513, false);
        graph.link();

        assertThat(graph.allGroupsOf(dn("carol")).stream().map(GroupGraph.Group::name))
                .containsExactlyInAnyOrder("A", "B", "C");
        assertThat(graph.transitiveMemberNames(graph.group(dn("A")).orElseThrow()))
                .containsExactlyInAnyOrder("A", "B", "C", "carol");
        assertThat(graph.privileged(DOMAIN_SID + "-1200")).isFalse();
    }

    @Test
    void thePrimaryGroupCountsAndBuiltinGroupsAreKnownBySidNotName() {
        GroupGraph graph = new GroupGraph("AGENT7", DOMAIN_SID);
        // Renamed or localised: still Domain Admins by RID, still Backup Operators by SID.
        graph.addGroup(dn("Domänen-Admins"), "Domänen-Admins", DOMAIN_SID + "-512", List.of());
        graph.addGroup(
                "CN=Sicherungs-Operatoren,CN=Builtin," + BASE,
                "Sicherungs-Operatoren",
                "S-1-5-32-551",
                List.of(dn("dave")));
        graph.addGroup(dn("DnsAdmins"), "DnsAdmins", DOMAIN_SID + "-1105", List.of(dn("erin")));
        graph.addAccount(dn("root"), "root", DOMAIN_SID + "-1300", 512, false);
        graph.addAccount(dn("dave"), "dave", DOMAIN_SID + "-1301", 513, false);
        graph.addAccount(dn("erin"), "erin", DOMAIN_SID + "-1302", 513, false);
        graph.addAccount(dn("frank"), "frank", DOMAIN_SID + "-1303", 513, true);
        graph.link();

        assertThat(graph.privilegePaths(dn("root")).values()).containsExactly(List.of("Domänen-Admins"));
        assertThat(graph.privilegePaths(dn("dave")).values()).containsExactly(List.of("Sicherungs-Operatoren"));
        assertThat(graph.privilegePaths(dn("erin")).values()).containsExactly(List.of("DnsAdmins"));
        assertThat(graph.privileged(DOMAIN_SID + "-1303")).as("adminCount=1").isTrue();
        assertThat(graph.name("S-1-5-32-551")).contains("BUILTIN\\Sicherungs-Operatoren");
        assertThat(graph.name(DOMAIN_SID + "-1301")).contains("AGENT7\\dave");
        assertThat(graph.name("S-1-5-11")).contains("NT AUTHORITY\\Authenticated Users");
        assertThat(graph.privileged("S-1-5-18")).isTrue();
        assertThat(graph.privileged("S-1-5-11")).isFalse();
    }
}
