package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code LOCALGROUP_INFO_1} of lmaccess.h: the group's name and comment, 16 bytes on x64. */
@Structure.FieldOrder({"lgrpi1_name", "lgrpi1_comment"})
public class LocalGroupInfo1 extends Structure {
    public Pointer lgrpi1_name;
    public Pointer lgrpi1_comment;

    public LocalGroupInfo1() {}

    LocalGroupInfo1(Pointer memory) {
        super(memory);
        read();
    }

    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
