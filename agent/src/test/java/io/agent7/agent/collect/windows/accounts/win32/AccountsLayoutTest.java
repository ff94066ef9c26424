package io.agent7.agent.collect.windows.accounts.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Structure;
import com.sun.jna.platform.win32.LMAccess;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The x64 layouts of the structures the accounts readers read, against lmaccess.h with MSVC's
 * natural alignment (pointers 8 bytes and 8-aligned, DWORDs 4): a DWORD followed by a pointer
 * leaves 4 bytes of padding, and a structure's size rounds up to its widest member.
 */
class AccountsLayoutTest {

    @ParameterizedTest
    @CsvSource({
        // USER_INFO_3 (lmaccess.h): LPWSTR name, password; DWORD password_age, priv; LPWSTR home_dir,
        // comment; DWORD flags (+4); LPWSTR script_path; DWORD auth_flags (+4); LPWSTR full_name,
        // usr_comment, parms, workstations; DWORD last_logon, last_logoff, acct_expires, max_storage,
        // units_per_week (+4); PBYTE logon_hours; DWORD bad_pw_count, num_logons; LPWSTR logon_server;
        // DWORD country_code, code_page, user_id, primary_group_id; LPWSTR profile, home_dir_drive;
        // DWORD password_expired (+4): 184 bytes
        "usri3_name, 0",
        "usri3_password, 8",
        "usri3_password_age, 16",
        "usri3_priv, 20",
        "usri3_home_dir, 24",
        "usri3_comment, 32",
        "usri3_flags, 40",
        "usri3_script_path, 48",
        "usri3_auth_flags, 56",
        "usri3_full_name, 64",
        "usri3_usr_comment, 72",
        "usri3_parms, 80",
        "usri3_workstations, 88",
        "usri3_last_logon, 96",
        "usri3_last_logoff, 100",
        "usri3_acct_expires, 104",
        "usri3_max_storage, 108",
        "usri3_units_per_week, 112",
        "usri3_logon_hours, 120",
        "usri3_bad_pw_count, 128",
        "usri3_num_logons, 132",
        "usri3_logon_server, 136",
        "usri3_country_code, 144",
        "usri3_code_page, 148",
        "usri3_user_id, 152",
        "usri3_primary_group_id, 156",
        "usri3_profile, 160",
        "usri3_home_dir_drive, 168",
        "usri3_password_expired, 176"
    })
    void userInfo3MatchesLmaccessH(String field, int offset) {
        UserInfo3 info = new UserInfo3();
        assertThat(info.size()).isEqualTo(184);
        assertThat(info.offsetOf(field)).isEqualTo(offset);
    }

    @ParameterizedTest
    @CsvSource({
        // LOCALGROUP_MEMBERS_INFO_2: PSID sid; SID_NAME_USE sidusage (an enum, 4 bytes, +4); LPWSTR domainandname
        "LocalGroupMembersInfo2, lgrmi2_sid, 0, 24",
        "LocalGroupMembersInfo2, lgrmi2_sidusage, 8, 24",
        "LocalGroupMembersInfo2, lgrmi2_domainandname, 16, 24",
        // LOCALGROUP_INFO_1: LPWSTR name, comment
        "LocalGroupInfo1, lgrpi1_name, 0, 16",
        "LocalGroupInfo1, lgrpi1_comment, 8, 16",
        // USER_MODALS_INFO_0: five DWORDs
        "UserModalsInfo0, usrmod0_min_passwd_len, 0, 20",
        "UserModalsInfo0, usrmod0_max_passwd_age, 4, 20",
        "UserModalsInfo0, usrmod0_min_passwd_age, 8, 20",
        "UserModalsInfo0, usrmod0_force_logoff, 12, 20",
        "UserModalsInfo0, usrmod0_password_hist_len, 16, 20",
        // USER_INFO_23 (jna-platform's): LPWSTR name, full_name, comment; DWORD flags (+4); PSID user_sid
        "USER_INFO_23, usri23_name, 0, 40",
        "USER_INFO_23, usri23_full_name, 8, 40",
        "USER_INFO_23, usri23_comment, 16, 40",
        "USER_INFO_23, usri23_flags, 24, 40",
        "USER_INFO_23, usri23_user_sid, 32, 40"
    })
    void theSmallerStructuresMatchLmaccessH(String structure, String field, int offset, int size) throws Exception {
        Structure layout = switch (structure) {
            case "LocalGroupMembersInfo2" -> new LocalGroupMembersInfo2();
            case "LocalGroupInfo1" -> new LocalGroupInfo1();
            case "UserModalsInfo0" -> new UserModalsInfo0();
            default -> new LMAccess.USER_INFO_23();
        };
        assertThat(layout.size()).isEqualTo(size);
        assertThat(offsetOf(layout, field)).isEqualTo(offset);
    }

    /** {@link Structure#fieldOffset} is protected; jna-platform's structures do not expose it. */
    private static int offsetOf(Structure structure, String field) throws Exception {
        Method fieldOffset = Structure.class.getDeclaredMethod("fieldOffset", String.class);
        fieldOffset.setAccessible(true);
        return (int) fieldOffset.invoke(structure, field);
    }
}
