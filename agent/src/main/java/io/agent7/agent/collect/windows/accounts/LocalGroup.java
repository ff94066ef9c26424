package io.agent7.agent.collect.windows.accounts;

import java.util.List;

/**
 * One group of NetLocalGroupEnum level 1 ({@code LOCALGROUP_INFO_1}) with its SID and domain
 * (LookupAccountName of its name: {@code BUILTIN} or the computer) and its members.
 *
 * @param name {@code lgrpi1_name}
 * @param comment {@code lgrpi1_comment}
 * @param sid the group's SID, null when LookupAccountName could not find it
 * @param domain the domain LookupAccountName names it in
 * @param members NetLocalGroupGetMembers level 2, in the order returned
 */
public record LocalGroup(String name, String comment, String sid, String domain, List<GroupMember> members) {

    public LocalGroup {
        members = List.copyOf(members);
    }
}
