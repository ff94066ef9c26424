package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code USER_INFO_3} of lmaccess.h, which NetUserEnum level 3 returns. Strings are kept as
 * pointers and read as UTF-16 by {@link Wide}, so no type mapper is involved; on x64 the
 * structure is 184 bytes (see the layout test).
 */
@Structure.FieldOrder({
    "usri3_name",
    "usri3_password",
    "usri3_password_age",
    "usri3_priv",
    "usri3_home_dir",
    "usri3_comment",
    "usri3_flags",
    "usri3_script_path",
    "usri3_auth_flags",
    "usri3_full_name",
    "usri3_usr_comment",
    "usri3_parms",
    "usri3_workstations",
    "usri3_last_logon",
    "usri3_last_logoff",
    "usri3_acct_expires",
    "usri3_max_storage",
    "usri3_units_per_week",
    "usri3_logon_hours",
    "usri3_bad_pw_count",
    "usri3_num_logons",
    "usri3_logon_server",
    "usri3_country_code",
    "usri3_code_page",
    "usri3_user_id",
    "usri3_primary_group_id",
    "usri3_profile",
    "usri3_home_dir_drive",
    "usri3_password_expired"
})
public class UserInfo3 extends Structure {
    public Pointer usri3_name;
    public Pointer usri3_password;
    public int usri3_password_age;
    public int usri3_priv;
    public Pointer usri3_home_dir;
    public Pointer usri3_comment;
    public int usri3_flags;
    public Pointer usri3_script_path;
    public int usri3_auth_flags;
    public Pointer usri3_full_name;
    public Pointer usri3_usr_comment;
    public Pointer usri3_parms;
    public Pointer usri3_workstations;
    public int usri3_last_logon;
    public int usri3_last_logoff;
    public int usri3_acct_expires;
    public int usri3_max_storage;
    public int usri3_units_per_week;
    public Pointer usri3_logon_hours;
    public int usri3_bad_pw_count;
    public int usri3_num_logons;
    public Pointer usri3_logon_server;
    public int usri3_country_code;
    public int usri3_code_page;
    public int usri3_user_id;
    public int usri3_primary_group_id;
    public Pointer usri3_profile;
    public Pointer usri3_home_dir_drive;
    public int usri3_password_expired;

    public UserInfo3() {}

    UserInfo3(Pointer memory) {
        super(memory);
        read();
    }

    /** A field's offset, for the layout test ({@link Structure#fieldOffset} is protected). */
    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
