package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.windows.FileTimes;
import java.time.Instant;
import java.util.List;

/**
 * A workstation's accounts as NetUserEnum level 3, NetUserModalsGet level 0, NetLocalGroupEnum
 * and NetLocalGroupGetMembers level 2 return them: UF_SCRIPT and UF_NORMAL_ACCOUNT on every
 * account, a locked-out non-ASCII account, an expired one, and Administrators holding a deleted
 * account's SID and a SID of a domain that is gone.
 */
final class AccountsFixture {

    static final String MACHINE = "S-1-5-21-3623811015-3361044348-30300820";
    static final String DOMAIN = "S-1-5-21-1004336348-1177238915-682003330";
    static final Instant READ_AT = Instant.parse("2026-12-07T12:00:00Z");
    /** 42 days, Windows' default maximum password age. */
    static final int MAX_PASSWORD_AGE = 42 * 86_400;

    /** UF_SCRIPT | UF_NORMAL_ACCOUNT: what every account NetUserEnum lists carries. */
    static final int BASE = 0x0001 | 0x0200;

    static final int DAY = 86_400;
    static final int NOW = (int) READ_AT.getEpochSecond();

    private AccountsFixture() {}

    static LocalUser user(
            String name, int rid, int flags, int passwordAge, int lastLogon, int expires, int bad, int logons) {
        return new LocalUser(
                name, rid, flags, passwordAge, 1, null, "", "", lastLogon, 0, expires, bad, logons, 0, null);
    }

    static List<LocalUser> users() {
        return List.of(
                new LocalUser(
                        "Administrator",
                        500,
                        BASE | 0x10000,
                        100 * DAY + 3600,
                        2,
                        "",
                        "Built-in account for administering the computer/domain",
                        "",
                        NOW - 3 * DAY,
                        NOW - 3 * DAY + 7200,
                        FileTimes.TIMEQ_FOREVER,
                        0,
                        41,
                        0,
                        "C:\\Users\\Administrator"),
                new LocalUser(
                        "Guest",
                        501,
                        BASE | 0x0002 | 0x0020 | 0x10000,
                        0,
                        0,
                        null,
                        "Built-in account for guest access to the computer/domain",
                        null,
                        0,
                        0,
                        FileTimes.TIMEQ_FOREVER,
                        0,
                        0,
                        0,
                        null),
                user("WDAGUtilityAccount", 504, BASE | 0x0002, 400 * DAY, 0, FileTimes.TIMEQ_FOREVER, 0, 0),
                new LocalUser(
                        "José Müller",
                        1001,
                        BASE | 0x0010,
                        10 * DAY,
                        1,
                        "\\\\fs01\\home$\\jmuller",
                        "Compte de sauvegarde",
                        "José Müller",
                        NOW - DAY,
                        0,
                        FileTimes.TIMEQ_FOREVER,
                        5,
                        300,
                        0,
                        null),
                user("temp", 1003, BASE, 50 * DAY, NOW - 60 * DAY, FileTimes.TIMEQ_FOREVER, 0, 2),
                user("contractor", 1004, BASE, DAY, NOW - 2 * DAY, NOW - DAY, 0, 9));
    }

    static List<LocalGroup> groups() {
        return List.of(
                new LocalGroup(
                        "Administrators",
                        "Administrators have complete and unrestricted access to the computer/domain",
                        "S-1-5-32-544",
                        "BUILTIN",
                        List.of(
                                new GroupMember(MACHINE + "-500", 1, "WS-0042\\Administrator"),
                                new GroupMember(DOMAIN + "-512", 2, "CORP\\Domain Admins"),
                                new GroupMember(DOMAIN + "-1107", 6, ""),
                                new GroupMember("S-1-5-21-9-9-9-1234", 8, null))),
                new LocalGroup(
                        "Backup Operators",
                        "Backup Operators can override security restrictions for the sole purpose of backing up or restoring files",
                        "S-1-5-32-551",
                        "BUILTIN",
                        List.of(new GroupMember(MACHINE + "-1001", 1, "WS-0042\\José Müller"))),
                new LocalGroup(
                        "Users",
                        "Users are prevented from making accidental or intentional system-wide changes",
                        "S-1-5-32-545",
                        "BUILTIN",
                        List.of(
                                new GroupMember("S-1-5-4", 5, "NT AUTHORITY\\INTERACTIVE"),
                                new GroupMember("S-1-5-11", 5, "NT AUTHORITY\\Authenticated Users"),
                                new GroupMember(DOMAIN + "-513", 2, "CORP\\Domain Users"),
                                new GroupMember(MACHINE + "-1003", 1, "WS-0042\\temp"))),
                new LocalGroup(
                        "Remote Desktop Users",
                        "Members in this group are granted the right to logon remotely",
                        "S-1-5-32-555",
                        "BUILTIN",
                        List.of()),
                new LocalGroup(
                        "Helpdesk",
                        "",
                        MACHINE + "-1010",
                        "WS-0042",
                        List.of(new GroupMember(DOMAIN + "-1300", 2, "CORP\\Helpdesk"))));
    }

    static LocalAccounts accounts() {
        return new LocalAccounts("WS-0042", MACHINE, MAX_PASSWORD_AGE, users(), groups(), READ_AT);
    }
}
