package io.agent7.agent.collect.windows.accounts;

/**
 * One account of NetUserEnum level 3 ({@code USER_INFO_3}), as the API returns it: DWORDs as
 * int (unsigned where Microsoft says so), LAN Manager times as seconds since 1970 with 0 for
 * "never" and {@code TIMEQ_FOREVER} for "forever", strings as returned (null when absent).
 *
 * @param name {@code usri3_name}
 * @param rid {@code usri3_user_id}: the relative id under the machine's SID
 * @param flags {@code usri3_flags}: the {@code UF_*} bits
 * @param passwordAge {@code usri3_password_age}: seconds since the password last changed
 * @param privilege {@code usri3_priv}: USER_PRIV_GUEST (0), USER_PRIV_USER (1), USER_PRIV_ADMIN (2)
 * @param homeDir {@code usri3_home_dir}
 * @param comment {@code usri3_comment}: the account's description
 * @param fullName {@code usri3_full_name}
 * @param lastLogon {@code usri3_last_logon}
 * @param lastLogoff {@code usri3_last_logoff}
 * @param accountExpires {@code usri3_acct_expires}
 * @param badPasswordCount {@code usri3_bad_pw_count}
 * @param logonCount {@code usri3_num_logons}
 * @param passwordExpired {@code usri3_password_expired}: nonzero when the password has expired
 * @param profilePath the profile folder: {@code usri3_profile} when set, else the
 *     {@code ProfileImagePath} of the account's ProfileList key; null when it never logged on
 */
public record LocalUser(
        String name,
        int rid,
        int flags,
        int passwordAge,
        int privilege,
        String homeDir,
        String comment,
        String fullName,
        int lastLogon,
        int lastLogoff,
        int accountExpires,
        int badPasswordCount,
        int logonCount,
        int passwordExpired,
        String profilePath) {}
