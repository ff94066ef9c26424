package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code LOCALGROUP_MEMBERS_INFO_2} of lmaccess.h: the member's SID, its SID_NAME_USE and its
 * {@code DOMAIN\name}. 24 bytes on x64: the DWORD is padded to the next pointer.
 */
@Structure.FieldOrder({"lgrmi2_sid", "lgrmi2_sidusage", "lgrmi2_domainandname"})
public class LocalGroupMembersInfo2 extends Structure {
    public Pointer lgrmi2_sid;
    public int lgrmi2_sidusage;
    public Pointer lgrmi2_domainandname;

    public LocalGroupMembersInfo2() {}

    LocalGroupMembersInfo2(Pointer memory) {
        super(memory);
        read();
    }

    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
