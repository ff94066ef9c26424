package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.LMAccess;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.accounts.GroupMember;
import io.agent7.agent.collect.windows.accounts.LocalAccounts;
import io.agent7.agent.collect.windows.accounts.LocalGroup;
import io.agent7.agent.collect.windows.accounts.LocalUser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the host's security accounts database through the LAN Manager API: NetUserEnum level 3,
 * NetUserGetInfo level 23 (for the account domain's SID, which level 3 lacks), NetUserModalsGet
 * level 0, NetLocalGroupEnum level 1 and NetLocalGroupGetMembers level 2, all against the local
 * computer (server name null). On a domain controller these are the domain's accounts.
 */
public final class LocalAccountsReader {

    private static final String PROFILE_LIST = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\";

    private final Clock clock;

    public LocalAccountsReader(Clock clock) {
        this.clock = clock;
    }

    /** Users, groups and password policy; {@code withUsers} false reads the groups only. */
    public LocalAccounts read(boolean withUsers) {
        NetApi api = NetApi.Holder.INSTANCE;
        String computer = Kernel32Util.getComputerName();
        List<LocalGroup> groups = groups(api);
        if (!withUsers) {
            return new LocalAccounts(computer, null, FileTimes.TIMEQ_FOREVER, List.of(), groups, clock.instant());
        }
        List<LocalUser> users = users(api);
        String machineSid = users.isEmpty() ? null : accountDomainSid(api, users.get(0));
        List<LocalUser> withProfiles = new ArrayList<>(users.size());
        for (LocalUser user : users) {
            withProfiles.add(withProfile(user, machineSid));
        }
        return new LocalAccounts(computer, machineSid, maxPasswordAge(api), withProfiles, groups, clock.instant());
    }

    private static List<LocalUser> users(NetApi api) {
        List<LocalUser> users = new ArrayList<>();
        IntByReference resume = new IntByReference();
        NetBuffers.enumerate(
                "NetUserEnum",
                (buffer, read) -> api.NetUserEnum(
                        null,
                        3,
                        NetApi.FILTER_NORMAL_ACCOUNT,
                        buffer,
                        NetApi.MAX_PREFERRED_LENGTH,
                        read,
                        new IntByReference(),
                        resume),
                new UserInfo3().size(),
                entry -> users.add(user(new UserInfo3(entry))));
        return users;
    }

    static LocalUser user(UserInfo3 info) {
        return new LocalUser(
                Wide.string(info.usri3_name),
                info.usri3_user_id,
                info.usri3_flags,
                info.usri3_password_age,
                info.usri3_priv,
                Wide.string(info.usri3_home_dir),
                Wide.string(info.usri3_comment),
                Wide.string(info.usri3_full_name),
                info.usri3_last_logon,
                info.usri3_last_logoff,
                info.usri3_acct_expires,
                info.usri3_bad_pw_count,
                info.usri3_num_logons,
                info.usri3_password_expired,
                Wide.string(info.usri3_profile));
    }

    /** The user's SID (NetUserGetInfo level 23) without its RID: the SID of the account domain. */
    private static String accountDomainSid(NetApi api, LocalUser user) {
        PointerByReference buffer = new PointerByReference();
        int status = api.NetUserGetInfo(null, user.name(), 23, buffer);
        Pointer memory = buffer.getValue();
        try {
            if (status != NetApi.NERR_SUCCESS) {
                throw new NetBuffers.NetApiException("NetUserGetInfo(" + user.name() + ", 23)", status);
            }
            LMAccess.USER_INFO_23 info = new LMAccess.USER_INFO_23(memory);
            String sid = Advapi32Util.convertSidToStringSid(info.usri23_user_sid);
            return sid.substring(0, sid.lastIndexOf('-'));
        } finally {
            if (memory != null) {
                api.NetApiBufferFree(memory);
            }
        }
    }

    /**
     * The profile folder of an account without {@code usri3_profile}: its ProfileList key's
     * ProfileImagePath, a REG_EXPAND_SZ ({@code %SystemDrive%\Users\alice}) expanded as
     * RegGetValue does. An account that never logged on has no key.
     */
    private static LocalUser withProfile(LocalUser user, String machineSid) {
        if (machineSid == null
                || (user.profilePath() != null && !user.profilePath().isBlank())) {
            return user;
        }
        String key = PROFILE_LIST + machineSid + "-" + Integer.toUnsignedString(user.rid());
        if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, "ProfileImagePath")) {
            return user;
        }
        String raw = Advapi32Util.registryGetExpandableStringValue(WinReg.HKEY_LOCAL_MACHINE, key, "ProfileImagePath");
        String profile = Kernel32Util.expandEnvironmentStrings(raw);
        return new LocalUser(
                user.name(),
                user.rid(),
                user.flags(),
                user.passwordAge(),
                user.privilege(),
                user.homeDir(),
                user.comment(),
                user.fullName(),
                user.lastLogon(),
                user.lastLogoff(),
                user.accountExpires(),
                user.badPasswordCount(),
                user.logonCount(),
                user.passwordExpired(),
                profile);
    }

    private static int maxPasswordAge(NetApi api) {
        PointerByReference buffer = new PointerByReference();
        int status = api.NetUserModalsGet(null, 0, buffer);
        Pointer memory = buffer.getValue();
        try {
            if (status != NetApi.NERR_SUCCESS) {
                throw new NetBuffers.NetApiException("NetUserModalsGet(0)", status);
            }
            return new UserModalsInfo0(memory).usrmod0_max_passwd_age;
        } finally {
            if (memory != null) {
                api.NetApiBufferFree(memory);
            }
        }
    }

    private static List<LocalGroup> groups(NetApi api) {
        List<String[]> nameAndComment = new ArrayList<>();
        BaseTSD.ULONG_PTRByReference resume = new BaseTSD.ULONG_PTRByReference();
        NetBuffers.enumerate(
                "NetLocalGroupEnum",
                (buffer, read) -> api.NetLocalGroupEnum(
                        null, 1, buffer, NetApi.MAX_PREFERRED_LENGTH, read, new IntByReference(), resume),
                new LocalGroupInfo1().size(),
                entry -> {
                    LocalGroupInfo1 info = new LocalGroupInfo1(entry);
                    nameAndComment.add(new String[] {Wide.string(info.lgrpi1_name), Wide.string(info.lgrpi1_comment)});
                });
        List<LocalGroup> groups = new ArrayList<>(nameAndComment.size());
        for (String[] group : nameAndComment) {
            String sid = null;
            String domain = null;
            try {
                Advapi32Util.Account account = Advapi32Util.getAccountByName(group[0]);
                sid = account.sidString;
                domain = account.domain;
            } catch (Win32Exception e) {
                // ERROR_NONE_MAPPED: a group deleted between the two calls; its members tell the rest
                if (e.getErrorCode() != 1332) {
                    throw e;
                }
            }
            groups.add(new LocalGroup(group[0], group[1], sid, domain, members(api, group[0])));
        }
        return groups;
    }

    private static List<GroupMember> members(NetApi api, String group) {
        List<GroupMember> members = new ArrayList<>();
        BaseTSD.ULONG_PTRByReference resume = new BaseTSD.ULONG_PTRByReference();
        NetBuffers.enumerate(
                "NetLocalGroupGetMembers(" + group + ")",
                (buffer, read) -> api.NetLocalGroupGetMembers(
                        null, group, 2, buffer, NetApi.MAX_PREFERRED_LENGTH, read, new IntByReference(), resume),
                new LocalGroupMembersInfo2().size(),
                entry -> members.add(member(new LocalGroupMembersInfo2(entry))));
        return members;
    }

    static GroupMember member(LocalGroupMembersInfo2 info) {
        String sid = Advapi32Util.convertSidToStringSid(new WinNT.PSID(info.lgrmi2_sid));
        return new GroupMember(sid, info.lgrmi2_sidusage, Wide.string(info.lgrmi2_domainandname));
    }
}
