package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import io.agent7.schema.Documents;
import io.agent7.schema.InvalidDocumentException;
import io.agent7.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SimulatedDirectoryTest {

    static final long SEED = 20260304L;
    static final long NOW = Fleets.T0.toEpochMilli();
    static final List<String> TYPES = List.of("ad_user", "ad_group", "ad_computer", "ad_domain", "gpo", "sysvol_file");

    static SimulatedDirectory directory;
    static Map<String, List<ObjectNode>> documents;
    static Map<String, ObjectNode> users;

    @BeforeAll
    static void collect() {
        directory = SimulatedDirectory.of(SEED);
        documents = documents(directory, NOW);
        users = byName(documents.get("ad_user"), "user.name");
    }

    static Map<String, List<ObjectNode>> documents(SimulatedDirectory d, long now) {
        Map<String, List<ObjectNode>> all = new HashMap<>();
        all.put("ad_user", d.users(now));
        all.put("ad_group", d.groups(now));
        all.put("ad_computer", d.computers(now));
        all.put("ad_domain", d.domains());
        all.put("gpo", d.gpos());
        all.put("sysvol_file", d.sysvolFiles(now));
        return all;
    }

    @Test
    void theSameSeedAndDayGiveTheSameEntriesAndAnotherSeedOthers() {
        Function<DirectoryEntries, List<String>> ldif = e -> {
            List<String> out = new ArrayList<>();
            for (List<Entry> list : List.of(e.users(), e.groups(), e.computers())) {
                list.forEach(entry -> out.add(entry.toLDIFString()));
            }
            return out;
        };
        List<String> a = ldif.apply(DirectoryEntries.at(new DirectoryLayout(SEED), NOW));
        List<String> b = ldif.apply(DirectoryEntries.at(new DirectoryLayout(SEED), NOW));
        assertThat(a).isEqualTo(b);
        long laterThatDay = NOW + Duration.ofHours(9).toMillis();
        assertThat(ldif.apply(DirectoryEntries.at(new DirectoryLayout(SEED), laterThatDay)))
                .as("values move in whole days")
                .isEqualTo(a);
        assertThat(ldif.apply(DirectoryEntries.at(new DirectoryLayout(SEED + 1), NOW)))
                .isNotEqualTo(a);
        assertThat(documents(directory, NOW)).isEqualTo(documents);
    }

    @Test
    void everyDocumentIsValidForItsTypeAndHasAUniqueId() {
        Schema schema = Schema.standard();
        List<String> problems = new ArrayList<>();
        for (String type : TYPES) {
            var normalizer = schema.normalizer(schema.require(type));
            List<String> ids = new ArrayList<>();
            for (ObjectNode doc : documents.get(type)) {
                try {
                    normalizer.normalize(doc);
                } catch (InvalidDocumentException e) {
                    problems.add(type + ": " + e.getMessage() + " in " + doc);
                }
                ids.add(io.agent7.schema.DocumentIds.of("any-host", schema.require(type), doc));
            }
            assertThat(ids).as("%s ids", type).doesNotHaveDuplicates().isNotEmpty();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPersonHasTheAccountAndSidTheHostsShowAndMostAreInUse() {
        String domainSid = Org.domainSid(SEED);
        int disabled = 0;
        int stale = 0;
        for (int person = 0; person < People.COUNT; person++) {
            ObjectNode user = users.get(People.account(person));
            assertThat(user).as(People.account(person)).isNotNull();
            assertThat(text(user, "user.id")).isEqualTo(domainSid + "-" + (2000 + person));
            assertThat(text(user, "user.full_name")).isEqualTo(People.fullName(person));
            if (!bool(user, "user.enabled")) {
                disabled++;
            } else if (daysSinceLogon(user) > 90) {
                stale++;
            }
        }
        assertThat(disabled).isBetween(People.COUNT * 2 / 100, People.COUNT * 6 / 100);
        assertThat(stale).isBetween(People.COUNT * 3 / 100, People.COUNT * 7 / 100);
    }

    @Test
    void workstationUsersOfTheFleetHaveEnabledAccountsInUse() {
        int checked = 0;
        for (int index = 0; index < 600; index++) {
            HostProfile host = HostProfile.create(SEED, index, NOW);
            if (host.person < 0) {
                continue;
            }
            ObjectNode user = users.get(People.account(host.person));
            assertThat(bool(user, "user.enabled"))
                    .as(People.account(host.person))
                    .isTrue();
            assertThat(daysSinceLogon(user)).as(People.account(host.person)).isBetween(0L, 14L);
            checked++;
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void adminAccountsArePrivilegedThroughThreeNestedGroups() {
        String domainSid = Org.domainSid(SEED);
        for (int person : People.ADMINS) {
            String name = People.adminAccount(person);
            ObjectNode admin = users.get(name);
            assertThat(text(admin, "user.id")).isEqualTo(domainSid + "-" + (6000 + person));
            assertThat(bool(admin, "user.privileged")).isTrue();
            assertThat(texts(admin, "ad_user.privilege_path"))
                    .contains(name + " > IT-Admins > Tier0-Admins > Domain Admins", "adminCount=1");
            assertThat(texts(admin, "ad_user.privileged_groups")).contains("Domain Admins", "Administrators");
            assertThat(daysSinceLogon(admin)).isBetween(0L, 14L);
        }
        ObjectNode domainAdmins =
                byName(documents.get("ad_group"), "group.name").get("Domain Admins");
        assertThat(text(domainAdmins, "group.id")).isEqualTo(domainSid + "-512");
        assertThat(texts(domainAdmins, "ad_group.transitive_member_names"))
                .contains(People.adminAccount(People.ADMINS.get(0)), "IT-Admins", "Tier0-Admins", "sa_migration");
        ObjectNode ordinary = users.get(People.account(People.ADMINS.get(0)));
        assertThat(bool(ordinary, "user.privileged"))
                .as("an admin's own account")
                .isFalse();
    }

    @Test
    void serviceAccountsAreKerberoastableAndEachHasItsWeakness() {
        for (String name : Accounts.SERVICE_ACCOUNTS) {
            assertThat(bool(users.get(name), "ad_user.kerberoastable")).as(name).isTrue();
        }
        ObjectNode sql = users.get("svc_sql");
        assertThat(bool(sql, "user.privileged")).isTrue();
        assertThat(texts(sql, "ad_user.privilege_path")).contains("svc_sql > SQL-Admins > Administrators");
        assertThat(text(sql, "user.id")).isEqualTo(Org.domainSid(SEED) + "-1200");
        assertThat(bool(users.get("svc_backup"), "ad_user.preauth_not_required"))
                .isTrue();
        assertThat(texts(users.get("svc_web"), "ad_user.delegation")).containsExactly("constrained");
        assertThat(texts(users.get("svc_web"), "ad_user.allowed_to_delegate_to"))
                .singleElement()
                .satisfies(spn -> assertThat(spn).startsWith("MSSQLSvc/"));
        assertThat(users.values())
                .filteredOn(u -> bool(u, "ad_user.kerberoastable"))
                .extracting(u -> text(u, "user.name"))
                .as("krbtgt is disabled, and not Kerberoastable anyway")
                .containsExactlyInAnyOrderElementsOf(Accounts.SERVICE_ACCOUNTS);
    }

    @Test
    void aStaleEnabledPrivilegedAccountExists() {
        assertThat(users.values())
                .filteredOn(u -> bool(u, "user.enabled") && bool(u, "user.privileged") && daysSinceLogon(u) > 90)
                .extracting(u -> text(u, "user.name"))
                .contains("sa_migration");
    }

    @Test
    void builtInGroupsHaveTheirWellKnownSids() {
        Map<String, ObjectNode> groups = byName(documents.get("ad_group"), "group.name");
        String domainSid = Org.domainSid(SEED);
        Map<String, String> expected = Map.of(
                "Domain Admins", domainSid + "-512",
                "Domain Users", domainSid + "-513",
                "Schema Admins", domainSid + "-518",
                "Enterprise Admins", domainSid + "-519",
                "Group Policy Creator Owners", domainSid + "-520",
                "Administrators", "S-1-5-32-544",
                "Backup Operators", "S-1-5-32-551");
        expected.forEach((name, sid) ->
                assertThat(text(groups.get(name), "group.id")).as(name).isEqualTo(sid));
        assertThat(bool(groups.get("Tier0-Admins"), "ad_group.privileged")).isTrue();
        assertThat(bool(groups.get("Dept-Finance"), "ad_group.privileged")).isFalse();
        assertThat(text(groups.get("All-Staff"), "ad_group.type")).isEqualTo("distribution");
    }

    @Test
    void computersAreTheControllersAndTheFleetsWindowsHosts() {
        Map<String, ObjectNode> computers = byName(documents.get("ad_computer"), "ad_computer.name");
        for (Org.Site site : Org.SITES) {
            assertThat(bool(computers.get(site.domainController()), "ad_computer.domain_controller"))
                    .isTrue();
        }
        int windows = 0;
        for (int index = 0; index < DirectoryLayout.SAMPLE; index++) {
            VirtualHost host = VirtualHost.create(SEED, index, Fleets.T0);
            if (host.osFamily().equals("windows")) {
                ObjectNode computer = computers.get(host.hostName());
                assertThat(computer).as(host.hostName()).isNotNull();
                assertThat(text(computer, "ad_computer.operating_system"))
                        .isEqualTo(host.facts().osName());
                assertThat(bool(computer, "ad_computer.laps")).isTrue();
                windows++;
            }
        }
        assertThat(computers).hasSize(windows + Org.SITES.size() + 2);
    }

    @Test
    void theDomainHasItsPolicyAndFourControllersWithTheFsmoRoles() {
        List<ObjectNode> domain = documents.get("ad_domain");
        assertThat(domain).hasSize(5);
        assertThat(text(domain.get(0), "ad_domain.kind")).isEqualTo("domain");
        assertThat(text(domain.get(0), "ad_domain.sid")).isEqualTo(Org.domainSid(SEED));
        assertThat(text(domain.get(0), "ad_domain.max_password_age_days")).isEqualTo("180");
        assertThat(text(domain.get(0), "ad_domain.lockout_threshold")).isEqualTo("10");
        List<String> roles = new ArrayList<>();
        domain.subList(1, 5).forEach(dc -> roles.addAll(texts(dc, "ad_domain.dc.roles")));
        assertThat(roles).containsExactlyInAnyOrder("pdc", "rid", "infrastructure", "schema", "naming");
    }

    @Test
    void gposAreLinkedWithOneEnforcedLink() {
        Map<String, ObjectNode> gpos = byName(documents.get("gpo"), "gpo.name");
        assertThat(gpos).containsKeys("Default Domain Policy", "Default Domain Controllers Policy");
        assertThat(texts(gpos.get("Default Domain Policy"), "gpo.linked_to")).containsExactly(DirectoryLayout.BASE);
        assertThat(bool(gpos.get("Legacy IE Settings"), "gpo.linked")).isTrue();
        assertThat(text(gpos.get("Legacy IE Settings"), "gpo.status")).isEqualTo("all_disabled");
        long enforced = documents.get("gpo").stream()
                .flatMap(g -> {
                    List<JsonNode> links = new ArrayList<>();
                    Documents.get(g, "gpo.links").forEach(links::add);
                    return links.stream();
                })
                .filter(link -> link.get("enforced").asBoolean())
                .count();
        assertThat(enforced).isEqualTo(1);
    }

    @Test
    void onlyThePlantedSysvolFileIsWritableByUnprivilegedUsers() {
        List<ObjectNode> writable = documents.get("sysvol_file").stream()
                .filter(f -> bool(f, "sysvol_file.non_privileged_write"))
                .toList();
        assertThat(writable).singleElement().satisfies(f -> {
            assertThat(text(f, "file.path")).endsWith("\\" + DirectoryPolicies.WRITABLE_SCRIPT);
            assertThat(texts(f, "sysvol_file.writable_by")).containsExactly("CORP\\Domain Users");
        });
        assertThat(documents.get("sysvol_file"))
                .filteredOn(f -> text(f, "file.name").equalsIgnoreCase("GPT.INI"))
                .hasSize(documents.get("gpo").size())
                .allSatisfy(f -> assertThat(text(f, "file.hash.sha256")).hasSize(64));
    }

    @Test
    void theTwoCollectingHostsReportTheSameDocuments() {
        List<VirtualHost> collecting = Fleets.create(SEED, Role.BLOCK, Fleets.T0).stream()
                .filter(VirtualHost::collectsDirectory)
                .toList();
        assertThat(collecting).hasSize(2).allSatisfy(h -> assertThat(h.role()).isEqualTo("FILE_SERVER"));
        for (String type : TYPES) {
            Map<String, String> first = Fleets.snapshot(collecting.get(0), type);
            assertThat(first).as(type).isNotEmpty();
            assertThat(Fleets.snapshot(collecting.get(1), type)).as(type).isEqualTo(first);
        }
    }

    private static long daysSinceLogon(ObjectNode user) {
        String last = text(user, "user.last_logon");
        return last == null
                ? Long.MAX_VALUE
                : Duration.between(Instant.parse(last), Fleets.T0).toDays();
    }

    private static Map<String, ObjectNode> byName(List<ObjectNode> docs, String field) {
        Map<String, ObjectNode> byName = new HashMap<>();
        docs.forEach(d -> byName.put(text(d, field), d));
        return byName;
    }

    private static String text(ObjectNode doc, String path) {
        JsonNode node = Documents.get(doc, path);
        return node == null || node.isNull() ? null : node.asString();
    }

    private static boolean bool(ObjectNode doc, String path) {
        JsonNode node = Documents.get(doc, path);
        return node != null && node.asBoolean();
    }

    private static List<String> texts(ObjectNode doc, String path) {
        JsonNode node = Documents.get(doc, path);
        List<String> values = new ArrayList<>();
        if (node != null) {
            node.forEach(v -> values.add(v.asString()));
        }
        return values;
    }
}
