package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.windows.Sids;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who is in which local group, from the members each group lists. A local account belongs to
 * the groups that list its SID, and also, without being listed, to the groups that list a
 * well-known group every local account is in (Everyone, Authenticated Users, Local account):
 * Administrators listing Authenticated Users makes every account an administrator. Members are
 * followed through any group the host lists as a group of its own, however deep, and a cycle
 * is walked once.
 */
final class Memberships {

    /** The well-known groups every enabled local account is a member of at logon. */
    private static final List<String> IMPLICIT = List.of(Sids.EVERYONE, Sids.AUTHENTICATED_USERS, "S-1-5-113");

    private final Map<String, List<LocalGroup>> groupsByMember = new HashMap<>();

    Memberships(List<LocalGroup> groups) {
        for (LocalGroup group : groups) {
            for (GroupMember member : group.members()) {
                groupsByMember
                        .computeIfAbsent(key(member.sid()), k -> new ArrayList<>())
                        .add(group);
            }
        }
    }

    /** The groups that list the SID itself, as {@code net user} shows them. */
    List<LocalGroup> direct(String sid) {
        return groupsByMember.getOrDefault(key(sid), List.of());
    }

    /** Every group the account with this SID is in: listed, through groups, or implicitly. */
    Set<LocalGroup> effective(String sid) {
        Set<LocalGroup> found = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(sid);
        pending.addAll(IMPLICIT);
        while (!pending.isEmpty()) {
            String member = pending.poll();
            if (member == null || !seen.add(key(member))) {
                continue;
            }
            for (LocalGroup group : direct(member)) {
                if (found.add(group) && group.sid() != null) {
                    pending.add(group.sid());
                }
            }
        }
        return found;
    }

    /** Whether any group the account is in, however, makes it privileged. */
    boolean privileged(String sid) {
        return effective(sid).stream().anyMatch(group -> Sids.privilegedGroup(group.sid()));
    }

    /** SIDs are case-insensitive in their "S-" prefix only, but some APIs write "s-1-...". */
    private static String key(String sid) {
        return sid == null ? "" : sid.toUpperCase(Locale.ROOT);
    }
}
