package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code SESSION_INFO_502} of lmshare.h: LPWSTR cname, username; DWORD num_opens, time,
 * idle_time, user_flags; LPWSTR cltype_name, transport; 48 bytes on x64.
 */
@Structure.FieldOrder({
    "sesi502_cname",
    "sesi502_username",
    "sesi502_num_opens",
    "sesi502_time",
    "sesi502_idle_time",
    "sesi502_user_flags",
    "sesi502_cltype_name",
    "sesi502_transport"
})
public class SessionInfo502 extends Structure {
    public Pointer sesi502_cname;
    public Pointer sesi502_username;
    public int sesi502_num_opens;
    public int sesi502_time;
    public int sesi502_idle_time;
    public int sesi502_user_flags;
    public Pointer sesi502_cltype_name;
    public Pointer sesi502_transport;

    public SessionInfo502() {}

    SessionInfo502(Pointer memory) {
        super(memory);
        read();
    }
}
