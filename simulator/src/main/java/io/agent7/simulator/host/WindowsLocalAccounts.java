package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.accounts.GroupMember;
import io.agent7.agent.collect.windows.accounts.LocalAccounts;
import io.agent7.agent.collect.windows.accounts.LocalGroup;
import io.agent7.agent.collect.windows.accounts.LocalUser;
import io.agent7.agent.collect.windows.accounts.UserFlags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The local accounts and groups of a Windows host: the built-in ones, a LAPS-managed local
 * administrator, domain groups nested in the local ones, and any planted account.
 */
final class WindowsLocalAccounts {

    record User(
            String name,
            int rid,
            String fullName,
            String description,
            List<String> groups,
            boolean enabled,
            long lastLogon,
            long passwordSet,
            long passwordExpires,
            List<String> flags,
            String type,
            int logons) {}

    record Member(String name, String sid) {}

    /** A local group; whether it is privileged follows from its SID, as the collectors tell it. */
    record Group(String name, String sid, String description, List<Member> members) {}

    /** LAPS rotates the local administrator's password on this cycle. */
    private static final long LAPS_ROTATION = 30 * SimTime.DAY;

    /** Windows' default maximum password age, which the simulated hosts keep. */
    private static final int MAX_PASSWORD_AGE_SECONDS = 42 * 86_400;

    /** SID_NAME_USE of a member: SidTypeUser, SidTypeWellKnownGroup. */
    private static final int SID_TYPE_USER = 1;

    private static final int SID_TYPE_WELL_KNOWN_GROUP = 5;

    private WindowsLocalAccounts() {}

    /**
     * The host's accounts as the Windows collectors' reader would return them (NetUserEnum level
     * 3, NetLocalGroupGetMembers level 2), for the collectors' own mapping to make the documents:
     * times in whole seconds as LAN Manager gives them, and a password never set counting from
     * the installation, when Windows created the account.
     */
    static LocalAccounts records(HostState h) {
        HostProfile p = h.profile;
        long now = Math.floorDiv(h.clock, 1000);
        List<LocalUser> users = new ArrayList<>();
        for (User u : users(h)) {
            long set = Math.floorDiv(u.passwordSet() == Long.MIN_VALUE ? p.osInstalled : u.passwordSet(), 1000);
            int lastLogon = seconds(u.lastLogon());
            int lastLogoff = 0;
            if (u.lastLogon() != Long.MIN_VALUE) {
                long hours = 1 + Seeds.below(Seeds.of(p.key, u.rid()), 8);
                lastLogoff = seconds(u.lastLogon() + hours * SimTime.HOUR);
            }
            users.add(new LocalUser(
                    u.name(),
                    u.rid(),
                    UserFlags.bits(u.flags()),
                    (int) Math.max(0, now - set),
                    u.groups().contains("Administrators") ? 2 : 1,
                    null,
                    u.description(),
                    u.fullName(),
                    lastLogon,
                    lastLogoff,
                    FileTimes.TIMEQ_FOREVER,
                    0,
                    u.logons(),
                    0,
                    "C:\\Users\\" + u.name()));
        }
        List<LocalGroup> groups = new ArrayList<>();
        for (Group g : groups(h)) {
            List<GroupMember> members = new ArrayList<>();
            for (Member m : g.members()) {
                int usage = m.sid().startsWith("S-1-5-21-") ? SID_TYPE_USER : SID_TYPE_WELL_KNOWN_GROUP;
                members.add(new GroupMember(m.sid(), usage, m.name()));
            }
            groups.add(new LocalGroup(g.name(), g.description(), g.sid(), "BUILTIN", members));
        }
        return new LocalAccounts(
                p.hostName, p.machineSid, MAX_PASSWORD_AGE_SECONDS, users, groups, Instant.ofEpochSecond(now));
    }

    private static int seconds(long epochMillis) {
        return epochMillis == Long.MIN_VALUE ? 0 : FileTimes.netTime(Instant.ofEpochMilli(epochMillis));
    }

    static List<User> users(HostState h) {
        HostProfile p = h.profile;
        List<User> users = new ArrayList<>();
        boolean adminEnabled = p.administratorEnabled;
        users.add(new User(
                "Administrator",
                500,
                "",
                "Built-in account for administering the computer/domain",
                List.of("Administrators"),
                adminEnabled,
                adminEnabled ? lastVisit(p, h.clock, 0xAD) : p.osInstalled + SimTime.HOUR,
                p.osInstalled,
                Long.MIN_VALUE,
                adminEnabled ? List.of("DONT_EXPIRE_PASSWD") : List.of("ACCOUNTDISABLE", "DONT_EXPIRE_PASSWD"),
                "builtin",
                adminEnabled ? 40 + Seeds.below(Seeds.of(p.key, 0xA0), 300) : 2));
        users.add(new User(
                "Guest",
                501,
                "",
                "Built-in account for guest access to the computer/domain",
                List.of("Guests"),
                false,
                Long.MIN_VALUE,
                Long.MIN_VALUE,
                Long.MIN_VALUE,
                List.of("ACCOUNTDISABLE", "DONT_EXPIRE_PASSWD", "PASSWD_NOTREQD"),
                "builtin",
                0));
        users.add(new User(
                "DefaultAccount",
                503,
                "",
                "A user account managed by the system.",
                List.of("System Managed Accounts Group"),
                false,
                Long.MIN_VALUE,
                Long.MIN_VALUE,
                Long.MIN_VALUE,
                List.of("ACCOUNTDISABLE", "DONT_EXPIRE_PASSWD", "PASSWD_NOTREQD"),
                "builtin",
                0));
        users.add(new User(
                "WDAGUtilityAccount",
                504,
                "",
                "A user account managed and used by the system for Windows Defender Application Guard scenarios.",
                List.of(),
                false,
                Long.MIN_VALUE,
                p.osInstalled,
                p.osInstalled + 42 * SimTime.DAY,
                List.of("ACCOUNTDISABLE"),
                "system",
                0));
        long rotated = p.osInstalled + Math.floorDiv(h.clock - p.osInstalled, LAPS_ROTATION) * LAPS_ROTATION;
        users.add(new User(
                "localadmin",
                1001,
                "Local Administrator",
                "Managed by Windows LAPS",
                List.of("Administrators"),
                true,
                lastVisit(p, h.clock, 0x1A),
                rotated,
                rotated + LAPS_ROTATION,
                List.of(),
                "normal",
                5 + Seeds.below(Seeds.of(p.key, 0xA1), 80)));
        Planted planted = p.planted;
        if (planted != null && planted.has(Finding.STALE_PRIVILEGED_USER)) {
            users.add(new User(
                    planted.staleUser,
                    1002,
                    "",
                    "",
                    List.of("Administrators", "Remote Desktop Users"),
                    true,
                    planted.staleLastLogon,
                    planted.stalePasswordSet,
                    Long.MIN_VALUE,
                    List.of("DONT_EXPIRE_PASSWD"),
                    "normal",
                    3 + Seeds.below(Seeds.of(p.key, 0xA2), 30)));
        }
        return users;
    }

    /**
     * The last time someone from IT used an account, about weekly: never stale on a host
     * that has no planted stale account.
     */
    private static long lastVisit(HostProfile p, long t, int salt) {
        long today = SimTime.localDay(t, p.tz);
        for (long day = today; day > today - 60; day--) {
            if (Seeds.chance(Seeds.of(p.key, salt, day), 1.0 / 6)) {
                long at = SimTime.dayStart(day, p.tz)
                        + 9 * SimTime.HOUR
                        + Seeds.between(Seeds.of(p.key, salt, day, 1), 0, 8 * SimTime.HOUR);
                if (at <= t) {
                    return at;
                }
            }
        }
        return t - 59 * SimTime.DAY;
    }

    static List<Group> groups(HostState h) {
        HostProfile p = h.profile;
        String host = p.hostName;
        String local = p.machineSid;
        String domain = p.domainSid;
        List<Member> admins = new ArrayList<>();
        admins.add(new Member(host + "\\Administrator", local + "-500"));
        admins.add(new Member(host + "\\localadmin", local + "-1001"));
        admins.add(new Member("CORP\\Domain Admins", domain + "-512"));
        admins.add(
                p.role == Role.WORKSTATION
                        ? new Member("CORP\\Workstation Admins", domain + "-1101")
                        : new Member("CORP\\Server Admins", domain + "-1102"));
        if (p.userIsLocalAdmin) {
            Principal user = Accounts.windows(p, Accounts.PERSON + p.person);
            admins.add(new Member(user.qualified(), user.id()));
        }
        Planted planted = p.planted;
        boolean stale = planted != null && planted.has(Finding.STALE_PRIVILEGED_USER);
        if (stale) {
            admins.add(new Member(host + "\\" + planted.staleUser, local + "-1002"));
        }
        List<Member> remoteDesktop = new ArrayList<>();
        if (p.role.server()) {
            remoteDesktop.add(new Member("CORP\\Server Admins", domain + "-1102"));
        }
        if (stale) {
            remoteDesktop.add(new Member(host + "\\" + planted.staleUser, local + "-1002"));
        }
        List<Group> groups = new ArrayList<>();
        groups.add(new Group(
                "Administrators",
                "S-1-5-32-544",
                "Administrators have complete and unrestricted access to the computer/domain",
                admins));
        groups.add(new Group(
                "Users",
                "S-1-5-32-545",
                "Users are prevented from making accidental or intentional system-wide changes and can run most applications",
                List.of(
                        new Member("NT AUTHORITY\\INTERACTIVE", "S-1-5-4"),
                        new Member("NT AUTHORITY\\Authenticated Users", "S-1-5-11"),
                        new Member("CORP\\Domain Users", domain + "-513"))));
        groups.add(new Group(
                "Guests",
                "S-1-5-32-546",
                "Guests have the same access as members of the Users group by default, except for the Guest account which is "
                        + "further restricted",
                List.of(new Member(host + "\\Guest", local + "-501"))));
        groups.add(new Group(
                "Power Users",
                "S-1-5-32-547",
                "Power Users are included for backwards compatibility and possess limited administrative powers",
                List.of()));
        boolean backups = p.role == Role.FILE_SERVER || p.role == Role.SQL_SERVER;
        groups.add(new Group(
                "Backup Operators",
                "S-1-5-32-551",
                "Backup Operators can override security restrictions for the sole purpose of backing up or restoring files",
                backups ? List.of(new Member("CORP\\svc_backup", domain + "-1201")) : List.of()));
        groups.add(new Group("Replicator", "S-1-5-32-552", "Supports file replication in a domain", List.of()));
        groups.add(new Group(
                "Remote Desktop Users",
                "S-1-5-32-555",
                "Members in this group are granted the right to logon remotely",
                remoteDesktop));
        groups.add(new Group(
                "Network Configuration Operators",
                "S-1-5-32-556",
                "Members in this group can have some administrative privileges to manage configuration of networking features",
                List.of()));
        groups.add(new Group(
                "Performance Monitor Users",
                "S-1-5-32-558",
                "Members of this group can access performance counter data locally and remotely",
                List.of()));
        groups.add(new Group(
                "Performance Log Users",
                "S-1-5-32-559",
                "Members of this group may schedule logging of performance counters, enable trace providers, and collect event "
                        + "traces both locally and via remote access to this computer",
                List.of()));
        groups.add(new Group(
                "Distributed COM Users",
                "S-1-5-32-562",
                "Members are allowed to launch, activate and use Distributed COM objects on this machine.",
                List.of()));
        if (p.role == Role.IIS_SERVER) {
            groups.add(new Group(
                    "IIS_IUSRS",
                    "S-1-5-32-568",
                    "Built-in group used by Internet Information Services.",
                    List.of(new Member("NT AUTHORITY\\IUSR", "S-1-5-17"))));
        }
        groups.add(new Group(
                "Cryptographic Operators",
                "S-1-5-32-569",
                "Members are authorized to perform cryptographic operations.",
                List.of()));
        groups.add(new Group(
                "Event Log Readers",
                "S-1-5-32-573",
                "Members of this group can read event logs from local machine",
                List.of()));
        groups.add(new Group(
                "Hyper-V Administrators",
                "S-1-5-32-578",
                "Members of this group have complete and unrestricted access to all features of Hyper-V.",
                List.of()));
        groups.add(new Group(
                "Access Control Assistance Operators",
                "S-1-5-32-579",
                "Members of this group can remotely query authorization attributes and permissions for resources on this "
                        + "computer.",
                List.of()));
        groups.add(new Group(
                "Remote Management Users",
                "S-1-5-32-580",
                "Members of this group can access WMI resources over management protocols (such as WS-Management via the Windows "
                        + "Remote Management service).",
                p.role.server() ? List.of(new Member("CORP\\Server Admins", domain + "-1102")) : List.of()));
        groups.add(new Group(
                "System Managed Accounts Group",
                "S-1-5-32-581",
                "Members of this group are managed by the system.",
                List.of(new Member(host + "\\DefaultAccount", local + "-503"))));
        if (p.role == Role.WORKSTATION) {
            groups.add(new Group(
                    "Device Owners",
                    "S-1-5-32-583",
                    "Members of this group can change system-wide settings.",
                    List.of()));
        }
        return groups;
    }
}
