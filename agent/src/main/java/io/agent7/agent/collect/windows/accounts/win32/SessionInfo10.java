package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code SESSION_INFO_10} of lmshare.h: LPWSTR cname, username; DWORD time, idle_time; 24 bytes on x64. */
@Structure.FieldOrder({"sesi10_cname", "sesi10_username", "sesi10_time", "sesi10_idle_time"})
public class SessionInfo10 extends Structure {
    public Pointer sesi10_cname;
    public Pointer sesi10_username;
    public int sesi10_time;
    public int sesi10_idle_time;

    public SessionInfo10() {}

    SessionInfo10(Pointer memory) {
        super(memory);
        read();
    }
}
