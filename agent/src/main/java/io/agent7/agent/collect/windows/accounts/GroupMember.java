package io.agent7.agent.collect.windows.accounts;

/**
 * One member of NetLocalGroupGetMembers level 2 ({@code LOCALGROUP_MEMBERS_INFO_2}).
 *
 * @param sid {@code lgrmi2_sid} in text form
 * @param sidUsage {@code lgrmi2_sidusage}: a SID_NAME_USE (1 user, 2 group, 4 alias, 5 well-known
 *     group, 6 deleted account, 8 unknown ...)
 * @param domainAndName {@code lgrmi2_domainandname}: {@code DOMAIN\name}, empty or absent when the
 *     SID no longer resolves
 */
public record GroupMember(String sid, int sidUsage, String domainAndName) {

    static final int SID_TYPE_USER = 1;
    static final int SID_TYPE_DELETED_ACCOUNT = 6;
    static final int SID_TYPE_UNKNOWN = 8;

    /** Whether Windows could no longer name the SID: its account was deleted, or its domain is gone. */
    boolean unresolved() {
        return sidUsage == SID_TYPE_DELETED_ACCOUNT
                || sidUsage == SID_TYPE_UNKNOWN
                || domainAndName == null
                || domainAndName.isBlank()
                || domainAndName.equals(sid);
    }
}
