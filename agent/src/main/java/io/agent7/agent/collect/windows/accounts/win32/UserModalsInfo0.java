package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code USER_MODALS_INFO_0} of lmaccess.h, the host's password policy: five DWORDs, 20 bytes. */
@Structure.FieldOrder({
    "usrmod0_min_passwd_len",
    "usrmod0_max_passwd_age",
    "usrmod0_min_passwd_age",
    "usrmod0_force_logoff",
    "usrmod0_password_hist_len"
})
public class UserModalsInfo0 extends Structure {
    public int usrmod0_min_passwd_len;
    public int usrmod0_max_passwd_age;
    public int usrmod0_min_passwd_age;
    public int usrmod0_force_logoff;
    public int usrmod0_password_hist_len;

    public UserModalsInfo0() {}

    UserModalsInfo0(Pointer memory) {
        super(memory);
        read();
    }

    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
