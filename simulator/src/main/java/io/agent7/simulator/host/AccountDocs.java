package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code local_user} and {@code local_group} documents, Windows SAM or /etc/passwd and /etc/group. */
final class AccountDocs {

    private AccountDocs() {}

    static List<ObjectNode> users(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        HostProfile p = h.profile;
        if (p.windows) {
            for (WindowsLocalAccounts.User u : WindowsLocalAccounts.users(h)) {
                ObjectNode doc = Json.doc();
                ObjectNode user = doc.putObject("user");
                user.put("name", u.name());
                user.put("id", p.machineSid + "-" + u.rid());
                user.put("domain", p.hostName);
                Json.text(user, "full_name", u.fullName());
                Json.texts(Json.obj(user, "group"), "name", u.groups());
                if (u.groups().isEmpty()) {
                    user.remove("group");
                }
                user.put("privileged", u.groups().contains("Administrators"));
                user.put("enabled", u.enabled());
                Json.dateIfKnown(user, "last_logon", u.lastLogon());
                Json.dateIfKnown(user, "password_last_set", u.passwordSet());
                ObjectNode local = doc.putObject("local_user");
                if (u.lastLogon() != Long.MIN_VALUE) {
                    long hours = 1 + Seeds.below(Seeds.of(p.key, u.rid()), 8);
                    Json.date(local, "last_logoff", u.lastLogon() + hours * SimTime.HOUR);
                }
                if (u.passwordSet() != Long.MIN_VALUE) {
                    local.put("password_age_days", Math.max(0, (h.clock - u.passwordSet()) / SimTime.DAY));
                }
                Json.dateIfKnown(local, "password_expires", u.passwordExpires());
                local.put("bad_password_count", 0);
                local.put("logon_count", u.logons());
                Json.texts(local, "flags", u.flags());
                local.put("type", u.type());
                local.put("home", "C:\\Users\\" + u.name());
                local.put("locked", false);
                Json.text(local, "description", u.description());
                docs.add(doc);
            }
            return docs;
        }
        LinuxAccounts accounts = h.linuxAccounts();
        for (LinuxAccounts.User u : accounts.users) {
            List<String> groups = accounts.groupsOf(u);
            ObjectNode doc = Json.doc();
            ObjectNode user = doc.putObject("user");
            user.put("name", u.name());
            user.put("id", Integer.toString(u.uid()));
            user.put("domain", p.hostName);
            String fullName = u.gecos().split(",", -1)[0];
            Json.text(user, "full_name", fullName);
            Json.texts(user.putObject("group"), "name", groups);
            boolean privileged = u.uid() == 0 || groups.stream().anyMatch(LinuxAccounts::privilegedGroup);
            user.put("privileged", privileged);
            user.put("enabled", u.canLogIn());
            long lastLogon = lastLogon(h, u);
            Json.dateIfKnown(user, "last_logon", lastLogon);
            ObjectNode local = doc.putObject("local_user");
            if (u.admin() >= 0 || u.type().equals("normal")) {
                long set = passwordSet(h, u);
                Json.date(user, "password_last_set", set);
                local.put("password_age_days", Math.max(0, (h.clock - set) / SimTime.DAY));
            }
            local.put("type", u.type());
            local.put("shell", u.shell());
            local.put("home", u.home());
            local.put("locked", !u.canLogIn() && u.uid() != 0);
            Json.text(local, "description", u.gecos());
            docs.add(doc);
        }
        return docs;
    }

    private static long lastLogon(HostState h, LinuxAccounts.User u) {
        Planted planted = h.profile.planted;
        if (planted != null && u.name().equals(planted.staleUser) && planted.has(Finding.STALE_PRIVILEGED_LINUX_USER)) {
            return planted.staleLastLogon;
        }
        if (u.admin() >= 0 && h.lastLogon[u.admin()] != 0) {
            return h.lastLogon[u.admin()];
        }
        return Long.MIN_VALUE;
    }

    private static long passwordSet(HostState h, LinuxAccounts.User u) {
        Planted planted = h.profile.planted;
        if (planted != null && u.name().equals(planted.staleUser)) {
            return planted.stalePasswordSet;
        }
        return Math.max(
                h.profile.osInstalled,
                h.profile.created - Seeds.between(Seeds.of(h.profile.key, u.name()), SimTime.DAY, 400 * SimTime.DAY));
    }

    static List<ObjectNode> groups(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        HostProfile p = h.profile;
        if (p.windows) {
            for (WindowsLocalAccounts.Group g : WindowsLocalAccounts.groups(h)) {
                ObjectNode doc = Json.doc();
                ObjectNode group = doc.putObject("group");
                group.put("name", g.name());
                group.put("id", g.sid());
                group.put("domain", "BUILTIN");
                ObjectNode local = doc.putObject("local_group");
                local.put("description", g.description());
                Json.texts(
                        local,
                        "members",
                        g.members().stream()
                                .map(WindowsLocalAccounts.Member::name)
                                .toList());
                Json.texts(
                        local,
                        "member_ids",
                        g.members().stream()
                                .map(WindowsLocalAccounts.Member::sid)
                                .toList());
                local.put("member_count", g.members().size());
                local.put("privileged", g.privileged());
                docs.add(doc);
            }
            return docs;
        }
        LinuxAccounts accounts = h.linuxAccounts();
        for (LinuxAccounts.Group g : accounts.groups) {
            ObjectNode doc = Json.doc();
            ObjectNode group = doc.putObject("group");
            group.put("name", g.name());
            group.put("id", Integer.toString(g.gid()));
            group.put("domain", p.hostName);
            ObjectNode local = doc.putObject("local_group");
            Json.texts(local, "members", g.members());
            List<String> ids = new ArrayList<>();
            for (String member : g.members()) {
                LinuxAccounts.User u = accounts.byName(member);
                if (u != null) {
                    ids.add(Integer.toString(u.uid()));
                }
            }
            Json.texts(local, "member_ids", ids);
            local.put("member_count", g.members().size());
            local.put("privileged", LinuxAccounts.privilegedGroup(g.name()));
            docs.add(doc);
        }
        return docs;
    }
}
