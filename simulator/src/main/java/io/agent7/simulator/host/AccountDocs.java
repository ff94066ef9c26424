package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.accounts.LocalGroupDocs;
import io.agent7.agent.collect.windows.accounts.LocalUserDocs;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code local_user} and {@code local_group} documents, Windows SAM or /etc/passwd and
 * /etc/group. Windows documents are made by the Windows collectors' own mapping from the
 * records their reader would return, so they have the shapes a real Windows host sends.
 */
final class AccountDocs {

    private AccountDocs() {}

    static List<ObjectNode> users(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        HostProfile p = h.profile;
        if (p.windows) {
            return LocalUserDocs.documents(WindowsLocalAccounts.records(h));
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
            return LocalGroupDocs.documents(WindowsLocalAccounts.records(h));
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
