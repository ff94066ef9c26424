package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /etc/passwd and /etc/group of a Linux host: the distribution's system accounts, the
 * accounts of the services its role installs, its admins (in sudo) and any planted ones.
 */
final class LinuxAccounts {

    /**
     * An /etc/passwd entry.
     *
     * @param admin index of the host's admin (in {@link HostProfile#admins}), -1 for others
     */
    record User(String name, int uid, int gid, String home, String shell, String gecos, String type, int admin) {

        boolean canLogIn() {
            return !shell.endsWith("nologin") && !shell.equals("/bin/false") && !shell.equals("/bin/sync");
        }
    }

    record Group(String name, int gid, List<String> members) {}

    private static final String NOLOGIN = "/usr/sbin/nologin";
    /** The users every Debian or Ubuntu system has: name, uid, gid, home, description. */
    private static final String[][] BASE = {
        {"daemon", "1", "1", "/usr/sbin", "daemon"},
        {"bin", "2", "2", "/bin", "bin"},
        {"sys", "3", "3", "/dev", "sys"},
        {"games", "5", "60", "/usr/games", "games"},
        {"man", "6", "12", "/var/cache/man", "man"},
        {"lp", "7", "7", "/var/spool/lpd", "lp"},
        {"mail", "8", "8", "/var/mail", "mail"},
        {"news", "9", "9", "/var/spool/news", "news"},
        {"uucp", "10", "10", "/var/spool/uucp", "uucp"},
        {"proxy", "13", "13", "/bin", "proxy"},
        {"www-data", "33", "33", "/var/www", "www-data"},
        {"backup", "34", "34", "/var/backups", "backup"},
        {"list", "38", "38", "/var/list", "Mailing List Manager"},
        {"irc", "39", "39", "/run/ircd", "ircd"},
        {"nobody", "65534", "65534", "/nonexistent", "nobody"}
    };

    private static final String[][] DEBIAN = {
        {"_apt", "42", "65534", "/nonexistent", ""},
        {"systemd-network", "998", "998", "/", "systemd Network Management"},
        {"systemd-timesync", "997", "997", "/", "systemd Time Synchronization"},
        {"messagebus", "100", "107", "/nonexistent", ""},
        {"sshd", "101", "65534", "/run/sshd", ""}
    };
    private static final String[][] UBUNTU = {
        {"systemd-network", "100", "102", "/run/systemd", "systemd Network Management,,,"},
        {"systemd-resolve", "101", "103", "/run/systemd", "systemd Resolver,,,"},
        {"messagebus", "102", "105", "/nonexistent", ""},
        {"systemd-timesync", "103", "106", "/run/systemd", "systemd Time Synchronization,,,"},
        {"syslog", "104", "111", "/home/syslog", ""},
        {"_apt", "105", "65534", "/nonexistent", ""},
        {"tss", "106", "111", "/var/lib/tpm", "TPM software stack,,,"},
        {"uuidd", "107", "112", "/run/uuidd", ""},
        {"tcpdump", "108", "113", "/nonexistent", ""},
        {"sshd", "109", "65534", "/run/sshd", ""},
        {"landscape", "110", "115", "/var/lib/landscape", ""},
        {"pollinate", "111", "1", "/var/cache/pollinate", ""}
    };

    final List<User> users = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();

    private LinuxAccounts(HostProfile host) {
        users.add(new User("root", 0, 0, "/root", "/bin/bash", "root", "system", -1));
        for (String[] u : BASE) {
            users.add(system(u));
        }
        users.add(new User("sync", 4, 65534, "/bin", "/bin/sync", "sync", "system", -1));
        for (String[] u : host.os.debian() ? DEBIAN : UBUNTU) {
            users.add(system(u));
        }
        int serviceUid = host.os.debian() ? 102 : 113;
        if (host.role == Role.DB) {
            users.add(new User(
                    "postgres",
                    serviceUid,
                    serviceUid + 2,
                    "/var/lib/postgresql",
                    "/bin/bash",
                    "PostgreSQL administrator,,,",
                    "system",
                    -1));
        }
        if (host.role == Role.APP) {
            users.add(new User(
                    "tomcat",
                    serviceUid + 1,
                    serviceUid + 3,
                    "/var/lib/tomcat",
                    "/bin/false",
                    "Apache Tomcat",
                    "system",
                    -1));
        }
        if (hasRedis(host)) {
            users.add(new User("redis", serviceUid + 4, serviceUid + 5, "/var/lib/redis", NOLOGIN, "", "system", -1));
        }
        for (int i = 0; i < host.admins.length; i++) {
            int person = host.admins[i];
            String login = People.login(person);
            users.add(new User(
                    login,
                    1000 + i,
                    1000 + i,
                    "/home/" + login,
                    "/bin/bash",
                    People.fullName(person) + ",,,",
                    "normal",
                    i));
        }
        Planted planted = host.planted;
        if (planted != null && planted.has(Finding.STALE_PRIVILEGED_LINUX_USER)) {
            int uid = 1000 + host.admins.length;
            users.add(
                    new User(planted.staleUser, uid, uid, "/home/" + planted.staleUser, "/bin/bash", "", "normal", -1));
        }
        if (planted != null && planted.has(Finding.UID_ZERO_ACCOUNT)) {
            users.add(new User(planted.uidZeroUser, 0, 0, "/root", "/bin/bash", "", "system", -1));
        }
        buildGroups(host);
    }

    static LinuxAccounts of(HostProfile host) {
        return new LinuxAccounts(host);
    }

    /** Redis comes with the role, never later, so its account exists from the start or not at all. */
    static boolean hasRedis(HostProfile host) {
        Catalog<SoftwareEntry> catalog = SoftwareCatalog.of(host.os);
        return Installs.of(host, catalog.get("redis-server")) != null;
    }

    private static User system(String[] u) {
        return new User(u[0], Integer.parseInt(u[1]), Integer.parseInt(u[2]), u[3], NOLOGIN, u[4], "system", -1);
    }

    private void buildGroups(HostProfile host) {
        List<String> admins = new ArrayList<>();
        for (User u : users) {
            if (u.admin() >= 0) {
                admins.add(u.name());
            }
        }
        List<String> sudoers = new ArrayList<>(admins);
        Planted planted = host.planted;
        if (planted != null && planted.has(Finding.STALE_PRIVILEGED_LINUX_USER)) {
            sudoers.add(planted.staleUser);
        }
        Map<String, Integer> standard = new LinkedHashMap<>();
        String[] names = {
            "root",
            "daemon",
            "bin",
            "sys",
            "adm",
            "tty",
            "disk",
            "lp",
            "mail",
            "news",
            "uucp",
            "man",
            "proxy",
            "kmem",
            "dialout",
            "cdrom",
            "floppy",
            "tape",
            "sudo",
            "audio",
            "dip",
            "www-data",
            "backup",
            "operator",
            "list",
            "irc",
            "src",
            "shadow",
            "utmp",
            "video",
            "sasl",
            "plugdev",
            "staff",
            "games",
            "users",
            "nogroup"
        };
        int[] gids = {
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 15, 20, 24, 25, 26, 27, 29, 30, 33, 34, 37, 38, 39, 40, 42, 43,
            44, 45, 46, 50, 60, 100, 65534
        };
        for (int i = 0; i < names.length; i++) {
            standard.put(names[i], gids[i]);
        }
        for (Map.Entry<String, Integer> g : standard.entrySet()) {
            List<String> members = switch (g.getKey()) {
                case "adm" -> host.os.debian() ? admins : concat(List.of("syslog"), admins);
                case "sudo" -> sudoers;
                case "users" -> admins;
                default -> List.of();
            };
            groups.add(new Group(g.getKey(), g.getValue(), members));
        }
        groups.add(new Group("systemd-journal", 999, List.of()));
        groups.add(new Group("systemd-network", host.os.debian() ? 998 : 102, List.of()));
        groups.add(new Group("systemd-timesync", host.os.debian() ? 997 : 106, List.of()));
        groups.add(new Group("messagebus", host.os.debian() ? 107 : 105, List.of()));
        groups.add(new Group("ssh", host.os.debian() ? 108 : 114, List.of()));
        int serviceUid = host.os.debian() ? 102 : 113;
        if (host.role == Role.DB) {
            groups.add(new Group("ssl-cert", serviceUid + 1, List.of("postgres")));
            groups.add(new Group("postgres", serviceUid + 2, List.of()));
        }
        if (host.role == Role.APP) {
            groups.add(new Group("tomcat", serviceUid + 3, List.of()));
        }
        if (hasRedis(host)) {
            groups.add(new Group("redis", serviceUid + 5, List.of()));
        }
        if (host.role == Role.DOCKER) {
            groups.add(new Group("docker", 996, admins));
        }
        for (User u : users) {
            if (u.uid() >= 1000 && u.uid() < 65534) {
                groups.add(new Group(u.name(), u.gid(), List.of()));
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    User byName(String name) {
        for (User u : users) {
            if (u.name().equals(name)) {
                return u;
            }
        }
        return null;
    }

    /** The first user with a uid: root for 0, even when a second uid-0 account exists. */
    User byUid(int uid) {
        for (User u : users) {
            if (u.uid() == uid) {
                return u;
            }
        }
        return null;
    }

    /** The groups a user is in: its primary group and every group listing it. */
    List<String> groupsOf(User user) {
        List<String> names = new ArrayList<>();
        for (Group g : groups) {
            if (g.gid() == user.gid() && !names.contains(g.name())
                    || g.members().contains(user.name())) {
                names.add(g.name());
            }
        }
        return names;
    }

    static boolean privilegedGroup(String name) {
        return name.equals("sudo") || name.equals("root") || name.equals("wheel") || name.equals("admin");
    }

    Principal principal(int uid) {
        User u = byUid(uid);
        return new Principal(u == null ? Integer.toString(uid) : u.name(), null, Integer.toString(uid));
    }
}
