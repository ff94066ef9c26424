package io.agent7.testkit;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SubtreeDeleteRequestControl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory a test defines, written into a real DC ({@link SambaDomainController}) over
 * LDAPS as the Administrator: organizational units, users with the attributes the
 * collectors look at, groups nested as deep as the test needs, computers and linked GPOs.
 * Tests may run again against the same DC (that of {@code ./agent7 test} lives for the
 * whole run), so {@link #ou} removes an OU with everything below it before making it anew:
 * a test that puts its objects into OUs of its own starts from the same directory every time.
 *
 * <pre>{@code
 * try (TestDirectory directory = TestDirectory.on(SambaDomainController.shared())) {
 *     directory.ou("Tier0");
 *     String admin = directory.user("Tier0", "t0-admin", UserSpec.enabledUser().password("..."));
 *     directory.addMember(directory.domainAdmins(), directory.group("Tier0", "T0", admin));
 * }
 * }</pre>
 */
public final class TestDirectory implements AutoCloseable {

    /** A global security group (ADS_GROUP_TYPE_GLOBAL_GROUP | ADS_GROUP_TYPE_SECURITY_ENABLED). */
    private static final int GLOBAL_SECURITY_GROUP = 0x80000002;

    /**
     * Connections {@link #populate} writes over. Samba's writes queue for its database's one
     * write lock, so more connections mostly overlap TLS and the protocol with that wait:
     * measured on two cores, 1 to 8 connections made no clear difference.
     */
    private static final int PARALLEL_CONNECTIONS = 4;

    private static final int NORMAL_ACCOUNT = 0x200;
    private static final int WORKSTATION_TRUST_ACCOUNT = 0x1000;
    private static final Pattern GPO_GUID = Pattern.compile("\\{[0-9A-Fa-f-]{36}\\}");
    /** Seconds from 1601-01-01, where Windows FILETIMEs count from, to 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 11_644_473_600L;

    private final SambaDomainController dc;
    private final LDAPConnection ldap;

    private TestDirectory(SambaDomainController dc, LDAPConnection ldap) {
        this.dc = dc;
        this.ldap = ldap;
    }

    /** Connects to {@code dc} as its Administrator; close it when done. */
    public static TestDirectory on(SambaDomainController dc) {
        try {
            return new TestDirectory(dc, dc.connectAsAdministrator());
        } catch (LDAPException e) {
            throw failure("connect to " + dc.ldapsUrl() + " as " + dc.adminDn(), e);
        }
    }

    /** The bits of userAccountControl a test can set, besides the account's kind and its being disabled. */
    public enum AccountFlag {
        PASSWD_NOTREQD(0x20),
        DONT_EXPIRE_PASSWORD(0x10000),
        /** Unconstrained delegation. */
        TRUSTED_FOR_DELEGATION(0x80000),
        NOT_DELEGATED(0x100000),
        /** AS-REP roastable. */
        DONT_REQ_PREAUTH(0x400000),
        /** Constrained delegation with protocol transition. */
        TRUSTED_TO_AUTH_FOR_DELEGATION(0x1000000);

        private final int bit;

        AccountFlag(int bit) {
            this.bit = bit;
        }

        public int bit() {
            return bit;
        }
    }

    /**
     * A user account as a test wants it. Unset parts stay as the DC makes them: no password
     * (Samba then keeps pwdLastSet at 0, and lets the account be enabled), no SPNs, no
     * adminCount, never logged on.
     */
    public record UserSpec(
            boolean enabled,
            String password,
            List<String> spns,
            Set<AccountFlag> flags,
            List<String> allowedToDelegateTo,
            Integer adminCount,
            Instant lastLogon) {

        public UserSpec {
            spns = List.copyOf(spns);
            flags = flags.isEmpty() ? EnumSet.noneOf(AccountFlag.class) : EnumSet.copyOf(flags);
            allowedToDelegateTo = List.copyOf(allowedToDelegateTo);
        }

        public static UserSpec enabledUser() {
            return new UserSpec(true, null, List.of(), Set.of(), List.of(), null, null);
        }

        public static UserSpec disabledUser() {
            return enabledUser().withEnabled(false);
        }

        private UserSpec withEnabled(boolean value) {
            return new UserSpec(value, password, spns, flags, allowedToDelegateTo, adminCount, lastLogon);
        }

        /** Set on creation as unicodePwd, which the DC accepts over TLS only; it must meet the domain's policy. */
        public UserSpec password(String value) {
            return new UserSpec(enabled, value, spns, flags, allowedToDelegateTo, adminCount, lastLogon);
        }

        /** servicePrincipalName values, e.g. {@code MSSQLSvc/sql1.agent7.test:1433}: the account is kerberoastable. */
        public UserSpec spns(String... values) {
            return new UserSpec(enabled, password, List.of(values), flags, allowedToDelegateTo, adminCount, lastLogon);
        }

        public UserSpec flags(AccountFlag... values) {
            return new UserSpec(
                    enabled,
                    password,
                    spns,
                    Set.copyOf(Arrays.asList(values)),
                    allowedToDelegateTo,
                    adminCount,
                    lastLogon);
        }

        /** msDS-AllowedToDelegateTo: the SPNs this account may delegate to (constrained delegation). */
        public UserSpec allowedToDelegateTo(String... spnValues) {
            return new UserSpec(enabled, password, spns, flags, List.of(spnValues), adminCount, lastLogon);
        }

        /** adminCount, which AD's SDProp sets to 1 on members of protected groups and never clears. */
        public UserSpec adminCount(int value) {
            return new UserSpec(enabled, password, spns, flags, allowedToDelegateTo, value, lastLogon);
        }

        /**
         * lastLogonTimestamp, as the DC would have replicated it after a logon at {@code value}:
         * a user who last logged on 200 days ago is stale.
         */
        public UserSpec lastLogon(Instant value) {
            return new UserSpec(enabled, password, spns, flags, allowedToDelegateTo, adminCount, value);
        }

        int userAccountControl() {
            int uac = NORMAL_ACCOUNT | (enabled ? 0 : 0x2);
            for (AccountFlag flag : flags) {
                uac |= flag.bit();
            }
            return uac;
        }
    }

    /**
     * Makes {@code OU=<name>} under the domain's root, removing first any OU of that name with
     * everything in it (a rerun's leftovers). Answers its DN.
     */
    public String ou(String name) {
        String dn = ouDn(name);
        deleteSubtree(dn);
        add(new Entry(dn, new Attribute("objectClass", "top", "organizationalUnit")));
        return dn;
    }

    /** The DN of {@code OU=<name>} under the domain's root. */
    public String ouDn(String name) {
        return child(dc.baseDn(), "OU", name);
    }

    /** {@code CN=Domain Admins,CN=Users,<base>}: the built-in group whose members own the domain. */
    public String domainAdmins() {
        return "CN=Domain Admins,CN=Users," + dc.baseDn();
    }

    /** A user {@code CN=<sam>} in {@code OU=<ou>}, logging on as {@code sam} or {@code sam@agent7.test}; answers its DN. */
    public String user(String ou, String sam, UserSpec spec) {
        String dn = child(ouDn(ou), "CN", sam);
        Entry entry = new Entry(dn);
        entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
        entry.addAttribute("sAMAccountName", sam);
        entry.addAttribute("userPrincipalName", sam + "@" + dc.domain());
        entry.addAttribute("userAccountControl", Integer.toString(spec.userAccountControl()));
        if (spec.password() != null) {
            entry.addAttribute(new Attribute("unicodePwd", unicodePwd(spec.password())));
        }
        if (!spec.spns().isEmpty()) {
            entry.addAttribute("servicePrincipalName", spec.spns());
        }
        if (!spec.allowedToDelegateTo().isEmpty()) {
            entry.addAttribute("msDS-AllowedToDelegateTo", spec.allowedToDelegateTo());
        }
        if (spec.adminCount() != null) {
            entry.addAttribute("adminCount", spec.adminCount().toString());
        }
        if (spec.lastLogon() != null) {
            // Samba lets the Administrator write it like any other attribute: no relax control needed.
            entry.addAttribute("lastLogonTimestamp", Long.toString(fileTime(spec.lastLogon())));
        }
        add(entry);
        return dn;
    }

    /** A global security group {@code CN=<sam>} in {@code OU=<ou>} with these members (users' or groups' DNs); answers its DN. */
    public String group(String ou, String sam, String... memberDns) {
        String dn = child(ouDn(ou), "CN", sam);
        add(groupEntry(dn, sam, List.of(memberDns)));
        return dn;
    }

    /** Adds a member to a group, a built-in one such as {@link #domainAdmins()} included; nothing when it is one already. */
    public void addMember(String groupDn, String memberDn) {
        try {
            ldap.modify(groupDn, new Modification(ModificationType.ADD, "member", memberDn));
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.ATTRIBUTE_OR_VALUE_EXISTS
                    && e.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
                throw failure("add " + memberDn + " to " + groupDn, e);
            }
        }
    }

    /**
     * A computer account {@code CN=<name>} ({@code <name>$}) in {@code OU=<ou>}, as a joined
     * workstation or member server shows in the directory; answers its DN.
     */
    public String computer(
            String ou, String name, String operatingSystem, String osVersion, String dnsName, AccountFlag... flags) {
        String dn = child(ouDn(ou), "CN", name);
        int uac = WORKSTATION_TRUST_ACCOUNT;
        for (AccountFlag flag : flags) {
            uac |= flag.bit();
        }
        Entry entry = new Entry(dn);
        entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "user", "computer");
        entry.addAttribute("sAMAccountName", name + "$");
        entry.addAttribute("userAccountControl", Integer.toString(uac));
        entry.addAttribute("operatingSystem", operatingSystem);
        entry.addAttribute("operatingSystemVersion", osVersion);
        entry.addAttribute("dNSHostName", dnsName);
        add(entry);
        return dn;
    }

    /**
     * A new, empty GPO named {@code displayName} (its groupPolicyContainer and its SYSVOL
     * folder, made by {@code samba-tool gpo create}), linked to {@code OU=<linkedOu>}. A GPO of
     * that name left by an earlier run is deleted first. Answers its GUID in braces, as the
     * container's cn and the OU's gPLink carry it.
     */
    public String gpo(String displayName, String linkedOu) {
        for (String old : gpoGuids(displayName)) {
            dc.sambaTool("gpo", "del", old);
        }
        String created = dc.sambaTool("gpo", "create", displayName);
        Matcher guid = GPO_GUID.matcher(created);
        if (!guid.find()) {
            throw new IllegalStateException("samba-tool gpo create printed no GUID:\n" + created);
        }
        dc.sambaTool("gpo", "setlink", ouDn(linkedOu), guid.group());
        return guid.group();
    }

    private List<String> gpoGuids(String displayName) {
        try {
            List<String> guids = new ArrayList<>();
            for (SearchResultEntry gpo : ldap.search(
                            "CN=Policies,CN=System," + dc.baseDn(),
                            SearchScope.ONE,
                            Filter.createANDFilter(
                                    Filter.createEqualityFilter("objectClass", "groupPolicyContainer"),
                                    Filter.createEqualityFilter("displayName", displayName)),
                            "cn")
                    .getSearchEntries()) {
                guids.add(gpo.getAttributeValue("cn"));
            }
            return guids;
        } catch (LDAPException e) {
            throw failure("look for GPOs named '" + displayName + "'", e);
        }
    }

    /** What {@link #populate} made, or found made by an earlier call ({@code reused}, then {@code took} is zero). */
    public record Population(String ouDn, int users, int groups, int maxNesting, boolean reused, Duration took) {}

    /**
     * A large directory for benchmarks in {@code OU=Bulk} (made anew): {@code users} enabled
     * users without passwords ({@code bulk-u00001}...) and {@code groups} global groups
     * ({@code bulk-g0001}...) in chains {@code maxNesting} deep (the group at depth d+1 is a
     * member of the one at depth d), each user a member of two groups. Written over several
     * connections at once, though the DC's writes queue for its database's one write lock: about
     * 20 ms of the DC's CPU per user, so 10,000 users and 2,000 groups take minutes. A DC keeps
     * a population made by an earlier call (the OU's description names its shape, written when
     * the last entry is in), so a run's second benchmark on the shared DC finds it ready.
     */
    public Population populate(int users, int groups, int maxNesting) {
        if (users < 0 || groups < 0 || maxNesting < 1) {
            throw new IllegalArgumentException("populate needs users >= 0, groups >= 0 and maxNesting >= 1, got "
                    + users + ", " + groups + ", " + maxNesting);
        }
        long started = System.nanoTime();
        String shape = "TestDirectory.populate users=" + users + " groups=" + groups + " maxNesting=" + maxNesting;
        if (shape.equals(description(ouDn("Bulk")))) {
            return new Population(ouDn("Bulk"), users, groups, maxNesting, true, Duration.ZERO);
        }
        String ou = ou("Bulk");
        List<String> userDns = new ArrayList<>(users);
        List<Entry> userEntries = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            String sam = String.format(java.util.Locale.ROOT, "bulk-u%05d", u + 1);
            String dn = child(ou, "CN", sam);
            userDns.add(dn);
            Entry entry = new Entry(dn);
            entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
            entry.addAttribute("sAMAccountName", sam);
            entry.addAttribute("userAccountControl", Integer.toString(NORMAL_ACCOUNT));
            userEntries.add(entry);
        }
        addInParallel(userEntries);

        List<List<String>> members = new ArrayList<>(groups);
        List<String> groupDns = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
            groupDns.add(child(ou, "CN", String.format(java.util.Locale.ROOT, "bulk-g%04d", g + 1)));
        }
        if (groups > 0) {
            for (int u = 0; u < users; u++) {
                members.get(u % groups).add(userDns.get(u));
                // A second group far from the first, so that groups share no fixed set of users.
                int second = (int) ((u * 31L + 7) % groups);
                if (second != u % groups) {
                    members.get(second).add(userDns.get(u));
                }
            }
        }
        // Depth of group g: g % maxNesting; a group below the top is a member of the one before it.
        // The deepest are made first, so that each group's members exist when it is added.
        for (int depth = maxNesting - 1; depth >= 0; depth--) {
            List<Entry> level = new ArrayList<>();
            for (int g = depth; g < groups; g += maxNesting) {
                List<String> own = new ArrayList<>(members.get(g));
                if (depth + 1 < maxNesting && g + 1 < groups) {
                    own.add(groupDns.get(g + 1));
                }
                String sam = String.format(java.util.Locale.ROOT, "bulk-g%04d", g + 1);
                level.add(groupEntry(groupDns.get(g), sam, own));
            }
            addInParallel(level);
        }
        try {
            ldap.modify(ou, new Modification(ModificationType.REPLACE, "description", shape));
        } catch (LDAPException e) {
            throw failure("mark " + ou + " as populated", e);
        }
        return new Population(ou, users, groups, maxNesting, false, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The entry's description, or null when it has none or does not exist. */
    private String description(String dn) {
        try {
            SearchResultEntry entry = ldap.getEntry(dn, "description");
            return entry == null ? null : entry.getAttributeValue("description");
        } catch (LDAPException e) {
            throw failure("read " + dn, e);
        }
    }

    /** Parallel adds over connections of their own; fails with the first failure. */
    private void addInParallel(List<Entry> entries) {
        int connections = Math.min(PARALLEL_CONNECTIONS, Math.max(1, entries.size()));
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                List<Entry> share = new ArrayList<>();
                for (int i = c; i < entries.size(); i += connections) {
                    share.add(entries.get(i));
                }
                done.add(pool.submit(() -> {
                    try (LDAPConnection own = dc.connectAsAdministrator()) {
                        for (Entry entry : share) {
                            own.add(entry);
                        }
                    } catch (LDAPException e) {
                        throw failure("add " + share.size() + " entries in parallel", e);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while populating " + dc.ldapsUrl(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Entry groupEntry(String dn, String sam, List<String> memberDns) {
        Entry entry = new Entry(dn);
        entry.addAttribute("objectClass", "top", "group");
        entry.addAttribute("sAMAccountName", sam);
        entry.addAttribute("groupType", Integer.toString(GLOBAL_SECURITY_GROUP));
        if (!memberDns.isEmpty()) {
            entry.addAttribute("member", memberDns);
        }
        return entry;
    }

    private void add(Entry entry) {
        try {
            ldap.add(entry);
        } catch (LDAPException e) {
            throw failure("add " + entry.getDN(), e);
        }
    }

    private void deleteSubtree(String dn) {
        DeleteRequest delete = new DeleteRequest(dn);
        delete.addControl(new SubtreeDeleteRequestControl());
        try {
            ldap.delete(delete);
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                throw failure("delete " + dn + " and everything below it", e);
            }
        }
    }

    /** The quoted UTF-16LE form AD takes a new password in. */
    private static byte[] unicodePwd(String password) {
        return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
    }

    /** 100 ns intervals since 1601-01-01 UTC, as AD stores times. */
    static long fileTime(Instant instant) {
        return (instant.getEpochSecond() + FILETIME_EPOCH_OFFSET) * 10_000_000L + instant.getNano() / 100;
    }

    private static String child(String parentDn, String type, String name) {
        return new DN(new RDN(type, name), parseDn(parentDn)).toString();
    }

    private static DN parseDn(String dn) {
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("Not a DN: '" + dn + "'", e);
        }
    }

    private static IllegalStateException failure(String what, LDAPException e) {
        return new IllegalStateException(
                "Could not " + what + ": " + e.getResultCode() + " "
                        + (e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getMessage()),
                e);
    }

    @Override
    public void close() {
        ldap.close();
    }
}
