package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code SHARE_INFO_502} of lmshare.h, 72 bytes on x64 (see the layout test). */
@Structure.FieldOrder({
    "shi502_netname",
    "shi502_type",
    "shi502_remark",
    "shi502_permissions",
    "shi502_max_uses",
    "shi502_current_uses",
    "shi502_path",
    "shi502_passwd",
    "shi502_reserved",
    "shi502_security_descriptor"
})
public class ShareInfo502 extends Structure {
    public Pointer shi502_netname;
    public int shi502_type;
    public Pointer shi502_remark;
    public int shi502_permissions;
    public int shi502_max_uses;
    public int shi502_current_uses;
    public Pointer shi502_path;
    public Pointer shi502_passwd;
    public int shi502_reserved;
    public Pointer shi502_security_descriptor;

    public ShareInfo502() {}

    ShareInfo502(Pointer memory) {
        super(memory);
        read();
    }
}
