package io.agent7.agent.collect.directory;

import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The domain's groups and who is in them, as read in one collection: direct members from each
 * group's {@code member} attribute and each account's primary group, and from those the
 * transitive memberships and what makes an account privileged. Nesting of any depth works, and
 * so does a membership cycle (A in B in A), which AD allows: every walk keeps the groups it has
 * seen and never visits one twice.
 *
 * <p>Privileged groups are the built-in ones that administer the domain, told by SID so that a
 * localised or renamed group is still found: Administrators, Account, Server, Print and Backup
 * Operators (BUILTIN), Domain Admins, Enterprise Admins, Schema Admins and Group Policy Creator
 * Owners (by RID), and DnsAdmins, which has no fixed RID, by name.
 */
public final class GroupGraph implements Principals {

    private static final Set<String> PRIVILEGED_BUILTIN =
            Set.of("S-1-5-32-544", "S-1-5-32-548", "S-1-5-32-549", "S-1-5-32-550", "S-1-5-32-551");
    private static final Set<Long> PRIVILEGED_RIDS = Set.of(512L, 518L, 519L, 520L);
    /** SYSTEM, Enterprise Domain Controllers, CREATOR OWNER, the domain controllers (RID 516, 521). */
    private static final Set<String> SYSTEM_SIDS = Set.of("S-1-5-18", "S-1-5-9", "S-1-3-0");

    private static final Map<String, String> WELL_KNOWN = Map.ofEntries(
            Map.entry("S-1-1-0", "Everyone"),
            Map.entry("S-1-3-0", "CREATOR OWNER"),
            Map.entry("S-1-5-9", "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS"),
            Map.entry("S-1-5-11", "NT AUTHORITY\\Authenticated Users"),
            Map.entry("S-1-5-18", "NT AUTHORITY\\SYSTEM"),
            Map.entry("S-1-5-32-544", "BUILTIN\\Administrators"),
            Map.entry("S-1-5-32-545", "BUILTIN\\Users"),
            Map.entry("S-1-5-32-548", "BUILTIN\\Account Operators"),
            Map.entry("S-1-5-32-549", "BUILTIN\\Server Operators"),
            Map.entry("S-1-5-32-550", "BUILTIN\\Print Operators"),
            Map.entry("S-1-5-32-551", "BUILTIN\\Backup Operators"));

    /** The attributes of an account that {@link #addAccount(Entry)} reads. */
    public static final List<String> ACCOUNT_ATTRIBUTES =
            List.of("sAMAccountName", "objectSid", "primaryGroupID", "adminCount");

    /** A group, with its direct members and the groups it is directly in. */
    public static final class Group {
        final String dn;
        final String name;
        final String sid;
        final boolean builtinPrivileged;
        final List<String> memberDns;
        final List<Group> memberGroups = new ArrayList<>();
        final List<Group> parents = new ArrayList<>();
        private Map<Group, List<Group>> ancestors; // each ancestor, with the path to it: computed once

        Group(String dn, String name, String sid, boolean builtinPrivileged, List<String> memberDns) {
            this.dn = dn;
            this.name = name;
            this.sid = sid;
            this.builtinPrivileged = builtinPrivileged;
            this.memberDns = List.copyOf(memberDns);
        }

        public String dn() {
            return dn;
        }

        public String name() {
            return name;
        }
    }

    /** An account (user or computer) as far as membership needs it. */
    record Account(String dn, String name, String sid, long primaryGroupRid, boolean adminCount) {}

    private final String netbios;
    private final String domainSid;
    private final Map<String, Group> groupsByDn = new LinkedHashMap<>();
    private final Map<String, Group> groupsBySid = new HashMap<>();
    private final Map<String, Account> accountsByDn = new HashMap<>();
    private final Map<String, Account> accountsBySid = new HashMap<>();
    private final Map<String, List<Group>> directGroups = new HashMap<>();

    /**
     * @param netbios   NetBIOS name of the domain, for {@code DOMAIN\name}
     * @param domainSid the domain's SID, for the privileged groups known by RID and primary groups
     */
    public GroupGraph(String netbios, String domainSid) {
        this.netbios = netbios;
        this.domainSid = domainSid;
    }

    /** Adds a group with its direct members' DNs. Call {@link #link()} once all are added. */
    public void addGroup(String dn, String name, String sid, List<String> memberDns) {
        boolean privileged = sid != null
                        && (PRIVILEGED_BUILTIN.contains(sid)
                                || (sid.startsWith(domainSid + "-") && PRIVILEGED_RIDS.contains(AdValues.rid(sid))))
                || "dnsadmins".equalsIgnoreCase(name);
        Group group = new Group(dn, name, sid, privileged, memberDns);
        groupsByDn.put(key(dn), group);
        if (sid != null) {
            groupsBySid.put(sid, group);
        }
    }

    /**
     * Adds a group entry read with {@link AdDocuments#GROUP_ATTRIBUTES}, with its direct members'
     * DNs (all ranges of {@code member}): how the collector and the fleet simulator both add groups.
     */
    public void addGroup(Entry group, List<String> memberDns) {
        addGroup(
                group.getDN(),
                group.getAttributeValue("sAMAccountName"),
                AdValues.sid(group.getAttributeValueBytes("objectSid")),
                memberDns);
    }

    /** Adds a user or computer entry read with at least {@link #ACCOUNT_ATTRIBUTES}. */
    public void addAccount(Entry account) {
        Long primary = AdValues.number(account, "primaryGroupID");
        Long adminCount = AdValues.number(account, "adminCount");
        addAccount(
                account.getDN(),
                account.getAttributeValue("sAMAccountName"),
                AdValues.sid(account.getAttributeValueBytes("objectSid")),
                primary == null ? -1 : primary,
                adminCount != null && adminCount == 1);
    }

    /** Adds a user or computer account. */
    public void addAccount(String dn, String name, String sid, long primaryGroupRid, boolean adminCount) {
        Account account = new Account(dn, name, sid, primaryGroupRid, adminCount);
        accountsByDn.put(key(dn), account);
        if (sid != null) {
            accountsBySid.put(sid, account);
        }
    }

    /** Resolves members to groups and accounts: the graph is complete after this. */
    public GroupGraph link() {
        for (Group group : groupsByDn.values()) {
            for (String member : group.memberDns) {
                Group nested = groupsByDn.get(key(member));
                if (nested != null) {
                    group.memberGroups.add(nested);
                    nested.parents.add(group);
                }
                directGroups
                        .computeIfAbsent(key(member), k -> new ArrayList<>())
                        .add(group);
            }
        }
        for (Account account : accountsByDn.values()) {
            Group primary =
                    account.primaryGroupRid() > 0 ? groupsBySid.get(domainSid + "-" + account.primaryGroupRid()) : null;
            if (primary != null) {
                List<Group> direct = directGroups.computeIfAbsent(key(account.dn()), k -> new ArrayList<>());
                if (!direct.contains(primary)) {
                    direct.add(primary);
                }
            }
        }
        return this;
    }

    /** The groups the object with this DN is directly in, its primary group included. */
    public List<Group> directGroupsOf(String dn) {
        return directGroups.getOrDefault(key(dn), List.of());
    }

    /** Every group the object is in, directly or through nesting, each once. */
    public Set<Group> allGroupsOf(String dn) {
        Set<Group> all = new LinkedHashSet<>();
        for (Group direct : directGroupsOf(dn)) {
            all.addAll(ancestors(direct).keySet());
        }
        return all;
    }

    /**
     * The privileged groups the object is in, each with the shortest chain of group names that
     * leads there from the object's direct group (the direct group first, the privileged one last).
     */
    public Map<Group, List<String>> privilegePaths(String dn) {
        Map<Group, List<String>> paths = new LinkedHashMap<>();
        for (Group direct : directGroupsOf(dn)) {
            for (Map.Entry<Group, List<Group>> ancestor : ancestors(direct).entrySet()) {
                if (!ancestor.getKey().builtinPrivileged) {
                    continue;
                }
                List<String> names =
                        ancestor.getValue().stream().map(g -> g.name).toList();
                paths.merge(ancestor.getKey(), names, (a, b) -> a.size() <= b.size() ? a : b);
            }
        }
        return paths;
    }

    /** The group with this DN, if the domain has it. */
    public Optional<Group> group(String dn) {
        return Optional.ofNullable(groupsByDn.get(key(dn)));
    }

    /** Every group, in the order read. */
    public Collection<Group> groups() {
        return groupsByDn.values();
    }

    /** Whether membership of the group grants privilege: it is a privileged group or nested in one. */
    public boolean privileged(Group group) {
        for (Group ancestor : ancestors(group).keySet()) {
            if (ancestor.builtinPrivileged) {
                return true;
            }
        }
        return false;
    }

    /** The groups the group is directly in. */
    public List<Group> parentsOf(Group group) {
        return group.parents;
    }

    /** The name of a member by DN: its sAMAccountName when the domain has it, else its first RDN's value. */
    public String memberName(String dn) {
        Group group = groupsByDn.get(key(dn));
        if (group != null) {
            return group.name;
        }
        Account account = accountsByDn.get(key(dn));
        if (account != null) {
            return account.name();
        }
        int eq = dn.indexOf('=');
        int comma = dn.indexOf(',');
        return eq < 0
                ? dn
                : dn.substring(eq + 1, comma < 0 ? dn.length() : comma).replace("\\", "");
    }

    /** Names of every member of the group, direct or through nested groups (groups included), each once. */
    public Set<String> transitiveMemberNames(Group group) {
        Set<String> names = new LinkedHashSet<>();
        Set<Group> seen = new LinkedHashSet<>();
        ArrayDeque<Group> todo = new ArrayDeque<>();
        todo.add(group);
        seen.add(group);
        while (!todo.isEmpty()) {
            Group next = todo.poll();
            for (String member : next.memberDns) {
                names.add(memberName(member));
            }
            for (Group nested : next.memberGroups) {
                if (seen.add(nested)) {
                    todo.add(nested);
                }
            }
        }
        return names;
    }

    @Override
    public Optional<String> name(String sid) {
        Group group = groupsBySid.get(sid);
        if (group != null) {
            return Optional.of(qualified(group.name, sid));
        }
        Account account = accountsBySid.get(sid);
        if (account != null) {
            return Optional.of(netbios + "\\" + account.name());
        }
        return Optional.ofNullable(WELL_KNOWN.get(sid));
    }

    private String qualified(String name, String sid) {
        return sid.startsWith("S-1-5-32-") ? "BUILTIN\\" + name : netbios + "\\" + name;
    }

    @Override
    public boolean privileged(String sid) {
        if (sid == null) {
            return false;
        }
        if (SYSTEM_SIDS.contains(sid)
                || sid.equals(domainSid + "-516")
                || sid.equals(domainSid + "-521")
                || sid.equals(domainSid + "-500")
                || sid.equals(domainSid + "-502")) {
            return true;
        }
        Group group = groupsBySid.get(sid);
        if (group != null) {
            return privileged(group);
        }
        Account account = accountsBySid.get(sid);
        return account != null
                && (account.adminCount() || !privilegePaths(account.dn()).isEmpty());
    }

    /** Every group the group is in, itself first, each with the path from this group to it. */
    private Map<Group, List<Group>> ancestors(Group start) {
        if (start.ancestors != null) {
            return start.ancestors;
        }
        Map<Group, List<Group>> found = new LinkedHashMap<>();
        found.put(start, List.of(start));
        ArrayDeque<Group> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            Group next = todo.poll();
            List<Group> path = found.get(next);
            for (Group parent : next.parents) {
                if (!found.containsKey(parent)) {
                    List<Group> longer = new ArrayList<>(path.size() + 1);
                    longer.addAll(path);
                    longer.add(parent);
                    found.put(parent, longer);
                    todo.add(parent);
                }
            }
        }
        start.ancestors = found;
        return found;
    }

    private static String key(String dn) {
        return dn.toLowerCase(Locale.ROOT).replace(", ", ",");
    }
}
