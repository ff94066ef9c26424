package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code SHARE_INFO_1} of lmshare.h: netname, type, remark; 24 bytes on x64. */
@Structure.FieldOrder({"shi1_netname", "shi1_type", "shi1_remark"})
public class ShareInfo1 extends Structure {
    public Pointer shi1_netname;
    public int shi1_type;
    public Pointer shi1_remark;

    public ShareInfo1() {}

    ShareInfo1(Pointer memory) {
        super(memory);
        read();
    }
}
