package io.agent7.agent.collect.windows.accounts;

import java.time.Instant;
import java.util.List;

/**
 * What one read of the host's security accounts database gives: its users and groups, and the
 * facts their documents need besides.
 *
 * @param computerName the NetBIOS computer name, the domain of the local accounts
 * @param machineSid the account domain's SID, which each user's RID completes
 * @param maxPasswordAge {@code usrmod0_max_passwd_age} of NetUserModalsGet level 0: seconds a
 *     password lives, {@code TIMEQ_FOREVER} when passwords never expire
 * @param readAt when the accounts were read: password ages count back from it
 */
public record LocalAccounts(
        String computerName,
        String machineSid,
        int maxPasswordAge,
        List<LocalUser> users,
        List<LocalGroup> groups,
        Instant readAt) {

    public LocalAccounts {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }
}
