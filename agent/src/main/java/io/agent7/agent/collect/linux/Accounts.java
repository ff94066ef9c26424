package io.agent7.agent.collect.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The host's own accounts and groups, from /etc/passwd and /etc/group, read once per collection. */
final class Accounts {

    /** Membership in one of these grants root through sudo or su on the common distributions. */
    static final Set<String> PRIVILEGED_GROUPS = Set.of("sudo", "wheel", "admin");

    record User(String name, long uid, long gid, String gecos, String home, String shell) {
        /** The GECOS field's first comma-separated part: the person's full name by convention. */
        String fullName() {
            int comma = gecos.indexOf(',');
            String name = (comma < 0 ? gecos : gecos.substring(0, comma)).trim();
            return name.isEmpty() ? null : name;
        }
    }

    record Group(String name, long gid, List<String> members) {}

    private final List<User> users;
    private final List<Group> groups;
    private final Map<String, User> byName = new HashMap<>();
    private final Map<Long, User> byUid = new HashMap<>();
    private final Map<Long, Group> byGid = new HashMap<>();
    private final Map<String, List<String>> supplementary = new HashMap<>();

    private Accounts(List<User> users, List<Group> groups) {
        this.users = users;
        this.groups = groups;
        for (User user : users) {
            byName.putIfAbsent(user.name(), user);
            byUid.putIfAbsent(user.uid(), user);
        }
        for (Group group : groups) {
            byGid.putIfAbsent(group.gid(), group);
            for (String member : group.members()) {
                supplementary.computeIfAbsent(member, m -> new ArrayList<>()).add(group.name());
            }
        }
    }

    /** The uid of the account of this host named {@code name}, or null when it has none. */
    String id(String name) {
        User user = name == null ? null : byName.get(name);
        return user == null ? null : Long.toString(user.uid());
    }

    /** {@code hostName} when {@code name} is an account of this host, the domain its documents give it; else null. */
    String domain(String name, String hostName) {
        return name != null && byName.containsKey(name) ? hostName : null;
    }

    static Accounts load(Root root) {
        return new Accounts(
                parseUsers(Root.lines(root.at("/etc/passwd"))), parseGroups(Root.lines(root.at("/etc/group"))));
    }

    static List<User> parseUsers(List<String> lines) {
        List<User> users = new ArrayList<>(lines.size());
        for (String line : lines) {
            String[] f = fields(line, 7);
            if (f == null) {
                continue;
            }
            Long uid = parseId(f[2]);
            Long gid = parseId(f[3]);
            if (uid != null && gid != null) {
                users.add(new User(f[0], uid, gid, f[4], f[5], f[6]));
            }
        }
        return users;
    }

    static List<Group> parseGroups(List<String> lines) {
        List<Group> groups = new ArrayList<>(lines.size());
        for (String line : lines) {
            String[] f = fields(line, 4);
            if (f == null) {
                continue;
            }
            Long gid = parseId(f[2]);
            if (gid == null) {
                continue;
            }
            List<String> members = new ArrayList<>();
            for (String member : f[3].split(",")) {
                String name = member.trim();
                if (!name.isEmpty()) {
                    members.add(name);
                }
            }
            groups.add(new Group(f[0], gid, members));
        }
        return groups;
    }

    /** The colon-separated fields of a database line, or null for comments, NIS markers and short lines. */
    private static String[] fields(String line, int count) {
        if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '+' || line.charAt(0) == '-') {
            return null;
        }
        String[] f = line.split(":", -1);
        if (f.length < count || f[0].isEmpty()) {
            return null;
        }
        return f;
    }

    static Long parseId(String text) {
        try {
            long id = Long.parseLong(text.trim());
            return id < 0 ? null : id;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    List<User> users() {
        return users;
    }

    List<Group> groups() {
        return groups;
    }

    User user(String name) {
        return byName.get(name);
    }

    String userName(long uid) {
        User user = byUid.get(uid);
        return user == null ? null : user.name();
    }

    Group group(long gid) {
        return byGid.get(gid);
    }

    /** Names of the user's groups: the primary group first, then the groups listing the user. */
    List<String> groupsOf(User user) {
        Set<String> names = new LinkedHashSet<>();
        Group primary = byGid.get(user.gid());
        if (primary != null) {
            names.add(primary.name());
        }
        names.addAll(supplementary.getOrDefault(user.name(), List.of()));
        return new ArrayList<>(names);
    }

    /** Whether the account is root or may become root as a member of sudo, wheel or admin. */
    boolean privileged(String userName) {
        User user = userName == null ? null : byName.get(userName);
        if (user == null) {
            return "root".equals(userName);
        }
        if (user.uid() == 0) {
            return true;
        }
        for (String group : groupsOf(user)) {
            if (PRIVILEGED_GROUPS.contains(group)) {
                return true;
            }
        }
        return false;
    }

    /** The uids of people's accounts, from /etc/login.defs (UID_MIN and UID_MAX; 1000 to 60000 by default). */
    record UidRange(long min, long max) {
        boolean contains(long uid) {
            return uid >= min && uid <= max;
        }
    }

    static UidRange uidRange(Root root) {
        long min = 1000;
        long max = 60000;
        for (String line : Root.lines(root.at("/etc/login.defs"))) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && (words[0].equals("UID_MIN") || words[0].equals("UID_MAX"))) {
                Long value = parseId(words[1]);
                if (value != null && words[0].equals("UID_MIN")) {
                    min = value;
                } else if (value != null) {
                    max = value;
                }
            }
        }
        return new UidRange(min, max);
    }

    /** How an account is used, from its uid: root, services (below UID_MIN or above UID_MAX), or people. */
    static String accountKind(long uid, UidRange people) {
        if (uid == 0) {
            return "system";
        }
        return people.contains(uid) ? "user" : "service";
    }
}
