package io.agent7.simulator.host;

import static io.agent7.simulator.host.DirectoryLayout.BASE;

import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The directory's users, groups and computers on one simulated day, as entries with the
 * attributes the collectors read. Memberships are written once, as each group's {@code member};
 * every {@code memberOf} is derived from them, as the DC derives the back link.
 */
final class DirectoryEntries {

    static final long NORMAL_ACCOUNT = 0x200;
    static final long GLOBAL = 0x80000002L;
    static final long DOMAIN_LOCAL = 0x80000004L;
    static final long BUILTIN_LOCAL = 0x80000005L;
    static final long UNIVERSAL = 0x80000008L;
    static final long DISTRIBUTION_UNIVERSAL = 0x8L;
    static final List<String> DEPARTMENTS =
            List.of("Finance", "Sales", "Engineering", "Marketing", "Operations", "HR", "Legal", "IT");

    private static final String USERS = "CN=Users," + BASE;
    private static final String BUILTIN = "CN=Builtin," + BASE;
    private static final String TIER0_GROUPS = "OU=Groups,OU=Tier0," + BASE;
    private static final String TIER1_GROUPS = "OU=Groups,OU=Tier1," + BASE;
    private static final String STAFF_GROUPS = "OU=Groups,OU=Corp," + BASE;
    private static final String NEVER = Long.toString(Long.MAX_VALUE);

    /** A group while its members are gathered. */
    private record Group(String name, String dn, String sid, long type, boolean protectedGroup, String description) {}

    private final DirectoryLayout layout;
    private final DirectoryTime time;
    private final Map<String, Group> groupsByName = new LinkedHashMap<>();
    private final Map<String, List<String>> members = new HashMap<>();
    private final Map<String, Entry> accountsByDn = new HashMap<>();
    private final List<Entry> users = new ArrayList<>();
    private final List<Entry> computers = new ArrayList<>();
    private final List<Entry> groups = new ArrayList<>();

    private DirectoryEntries(DirectoryLayout layout, long now) {
        this.layout = layout;
        this.time = new DirectoryTime(now);
    }

    /** The directory as a DC returns it at {@code now} (epoch milliseconds). */
    static DirectoryEntries at(DirectoryLayout layout, long now) {
        DirectoryEntries entries = new DirectoryEntries(layout, now);
        entries.defineGroups();
        new DirectoryUsers(layout, entries.time, entries).addAll();
        new DirectoryComputers(layout, entries.time, entries).addAll();
        entries.writeMemberships();
        return entries;
    }

    List<Entry> users() {
        return users;
    }

    List<Entry> computers() {
        return computers;
    }

    List<Entry> groups() {
        return groups;
    }

    void addUser(Entry user) {
        users.add(user);
        accountsByDn.put(key(user.getDN()), user);
    }

    void addComputer(Entry computer) {
        computers.add(computer);
        accountsByDn.put(key(computer.getDN()), computer);
    }

    /** Makes {@code memberDn} a direct member of the group. */
    void join(String group, String memberDn) {
        Group g = groupsByName.get(group);
        if (g == null) {
            throw new IllegalArgumentException("The simulated directory has no group " + group);
        }
        members.computeIfAbsent(g.dn(), d -> new ArrayList<>()).add(memberDn);
    }

    String groupDn(String group) {
        return groupsByName.get(group).dn();
    }

    String sid(long rid) {
        return layout.domainSid + "-" + rid;
    }

    private void defineGroups() {
        domainGroup("Domain Admins", 512, GLOBAL, true, "Designated administrators of the domain");
        domainGroup("Domain Users", 513, GLOBAL, false, "All domain users");
        domainGroup("Domain Guests", 514, GLOBAL, false, "All domain guests");
        domainGroup("Domain Computers", 515, GLOBAL, false, "All workstations and servers joined to the domain");
        domainGroup("Domain Controllers", 516, GLOBAL, true, "All domain controllers in the domain");
        domainGroup(
                "Cert Publishers",
                517,
                DOMAIN_LOCAL,
                false,
                "Members of this group are permitted to publish" + " certificates to the directory");
        domainGroup("Schema Admins", 518, UNIVERSAL, true, "Designated administrators of the schema");
        domainGroup("Enterprise Admins", 519, UNIVERSAL, true, "Designated administrators of the enterprise");
        domainGroup(
                "Group Policy Creator Owners",
                520,
                GLOBAL,
                false,
                "Members in this group can modify group" + " policy for the domain");
        domainGroup(
                "Read-only Domain Controllers",
                521,
                GLOBAL,
                true,
                "Members of this group are Read-Only Domain" + " Controllers in the domain");
        domainGroup(
                "Protected Users",
                525,
                GLOBAL,
                false,
                "Members of this group are afforded additional"
                        + " protections against authentication security threats");
        domainGroup(
                "Key Admins",
                526,
                GLOBAL,
                true,
                "Members of this group can perform administrative actions on" + " key objects within the domain.");
        domainGroup("DnsAdmins", 1101, DOMAIN_LOCAL, false, "DNS Administrators Group");
        domainGroup(
                "DnsUpdateProxy",
                1102,
                GLOBAL,
                false,
                "DNS clients who are permitted to perform dynamic"
                        + " updates on behalf of some other clients (such as DHCP servers).");
        builtin(
                "Administrators",
                544,
                true,
                "Administrators have complete and unrestricted access to the" + " computer/domain");
        builtin("Users", 545, false, "Users are prevented from making accidental or intentional system-wide changes");
        builtin("Guests", 546, false, "Guests have the same access as members of the Users group by default");
        builtin("Account Operators", 548, true, "Members can administer domain user and group accounts");
        builtin("Server Operators", 549, true, "Members can administer domain servers");
        builtin("Print Operators", 550, true, "Members can administer printers installed on domain controllers");
        builtin(
                "Backup Operators",
                551,
                true,
                "Backup Operators can override security restrictions for the sole"
                        + " purpose of backing up or restoring files");
        builtin(
                "Remote Desktop Users",
                555,
                false,
                "Members in this group are granted the right to logon" + " remotely");
        group("IT-Admins", TIER0_GROUPS, 1103, GLOBAL, true, "IT administrators' admin accounts");
        group("Tier0-Admins", TIER0_GROUPS, 1104, GLOBAL, true, "Tier 0: domain controllers and identity");
        group("SQL-Admins", TIER1_GROUPS, 1105, GLOBAL, true, "SQL Server administration");
        group("Helpdesk", TIER1_GROUPS, 1106, GLOBAL, true, "First-line support: password resets");
        for (int i = 0; i < DEPARTMENTS.size(); i++) {
            group("Dept-" + DEPARTMENTS.get(i), STAFF_GROUPS, 1110 + i, GLOBAL, false, DEPARTMENTS.get(i));
        }
        group("All-Staff", STAFF_GROUPS, 1120, DISTRIBUTION_UNIVERSAL, false, "Everyone at Corp (mail)");

        join("Administrators", groupDn("Domain Admins"));
        join("Administrators", groupDn("Enterprise Admins"));
        join("Administrators", groupDn("SQL-Admins"));
        join("Users", groupDn("Domain Users"));
        join("Guests", groupDn("Domain Guests"));
        join("Domain Admins", groupDn("Tier0-Admins"));
        join("Tier0-Admins", groupDn("IT-Admins"));
        join("Remote Desktop Users", groupDn("IT-Admins"));
        join("Account Operators", groupDn("Helpdesk"));
        for (String department : DEPARTMENTS) {
            join("All-Staff", groupDn("Dept-" + department));
        }
    }

    private void domainGroup(String name, long rid, long type, boolean protectedGroup, String description) {
        group(name, USERS, rid, type, protectedGroup, description);
    }

    private void builtin(String name, long rid, boolean protectedGroup, String description) {
        groupsByName.put(
                name,
                new Group(
                        name,
                        "CN=" + name + "," + BUILTIN,
                        "S-1-5-32-" + rid,
                        BUILTIN_LOCAL,
                        protectedGroup,
                        description));
    }

    private void group(String name, String container, long rid, long type, boolean protectedGroup, String d) {
        groupsByName.put(name, new Group(name, "CN=" + name + "," + container, sid(rid), type, protectedGroup, d));
    }

    /** Writes each group's entry with its members, and memberOf on every account and group that is in one. */
    private void writeMemberships() {
        Map<String, List<String>> memberOf = new HashMap<>();
        for (Group group : groupsByName.values()) {
            for (String member : members.getOrDefault(group.dn(), List.of())) {
                memberOf.computeIfAbsent(key(member), m -> new ArrayList<>()).add(group.dn());
            }
        }
        for (Group group : groupsByName.values()) {
            boolean custom = !group.dn().endsWith(USERS) && !group.dn().endsWith(BUILTIN);
            long created = custom
                    ? layout.created + Seeds.between(layout.hash(group.name()), 10, 700) * SimTime.DAY
                    : layout.created;
            long changed =
                    Math.max(created, SimTime.EPOCH + Seeds.between(layout.hash(group.name()), 0, 400) * SimTime.DAY);
            AdEntry entry = new AdEntry(group.dn())
                    .text("sAMAccountName", group.name())
                    .sid(group.sid())
                    .guid(layout.hash(group.dn()))
                    .number("groupType", (int) group.type())
                    .texts("member", members.getOrDefault(group.dn(), List.of()))
                    .texts("memberOf", memberOf.getOrDefault(key(group.dn()), List.of()))
                    .text("description", group.description())
                    .generalizedTime("whenCreated", created)
                    .generalizedTime("whenChanged", changed);
            if (group.protectedGroup()) {
                entry.number("adminCount", 1);
            }
            groups.add(entry.build());
        }
        for (Map.Entry<String, List<String>> in : memberOf.entrySet()) {
            Entry account = accountsByDn.get(in.getKey());
            if (account != null) {
                account.addAttribute("memberOf", in.getValue().toArray(String[]::new));
            }
        }
    }

    /** An account entry with what every user and computer has. */
    AdEntry account(String dn, String sam, String sid, long uac, long primaryGroup, long created, long changed) {
        return new AdEntry(dn)
                .text("sAMAccountName", sam)
                .sid(sid)
                .guid(layout.hash(dn))
                .number("userAccountControl", uac)
                .number("primaryGroupID", primaryGroup)
                .text("accountExpires", NEVER)
                .generalizedTime("whenCreated", created)
                .generalizedTime("whenChanged", Math.max(created, changed));
    }

    private static String key(String dn) {
        return dn.toLowerCase(Locale.ROOT);
    }
}
