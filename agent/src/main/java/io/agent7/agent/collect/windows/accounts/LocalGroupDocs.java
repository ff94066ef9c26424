package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.windows.Sids;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code local_group} documents from NetLocalGroupEnum and each group's members. A member whose
 * SID no longer resolves (its account deleted, its domain gone or unreachable) is kept, named by
 * its SID, since an orphaned SID in Administrators is exactly what a reader looks for.
 */
public final class LocalGroupDocs {

    private LocalGroupDocs() {}

    public static List<ObjectNode> documents(LocalAccounts accounts) {
        List<ObjectNode> docs = new ArrayList<>(accounts.groups().size());
        for (LocalGroup group : accounts.groups()) {
            List<String> names = new ArrayList<>(group.members().size());
            List<String> ids = new ArrayList<>(group.members().size());
            for (GroupMember member : group.members()) {
                names.add(memberName(member));
                ids.add(member.sid());
            }
            docs.add(new Doc()
                    .text("group.name", group.name())
                    .text("group.id", group.sid())
                    .text("group.domain", group.domain())
                    .text("local_group.description", group.comment())
                    .texts("local_group.members", names)
                    .texts("local_group.member_ids", ids)
                    .number("local_group.member_count", group.members().size())
                    .bool("local_group.privileged", group.sid() == null ? null : Sids.privilegedGroup(group.sid()))
                    .build());
        }
        return docs;
    }

    /**
     * {@code DOMAIN\name} as Windows gives it; a name without a domain (Everyone) loses the
     * backslash some versions put before it; an unresolved SID is named by its well-known name
     * if it has one, else by itself.
     */
    static String memberName(GroupMember member) {
        if (member.unresolved()) {
            return Sids.wellKnownName(member.sid()).orElse(member.sid());
        }
        String name = member.domainAndName();
        return name.startsWith("\\") ? name.substring(1) : name;
    }
}
