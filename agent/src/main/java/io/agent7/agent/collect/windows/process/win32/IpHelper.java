package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * GetExtendedTcpTable and GetExtendedUdpTable (iphlpapi.h) and the owner-pid rows they fill
 * (tcpmib.h, udpmib.h). jna-platform has them too, but its row classes load iphlpapi.dll when
 * first touched; these load it only when a collection calls the API.
 */
public interface IpHelper extends StdCallLibrary {

    /** DWORD GetExtendedTcpTable(PVOID, PDWORD, BOOL bOrder, ULONG ulAf, TCP_TABLE_CLASS, ULONG Reserved). */
    int GetExtendedTcpTable(Pointer table, IntByReference size, boolean order, int af, int tableClass, int reserved);

    /** DWORD GetExtendedUdpTable(PVOID, PDWORD, BOOL bOrder, ULONG ulAf, UDP_TABLE_CLASS, ULONG Reserved). */
    int GetExtendedUdpTable(Pointer table, IntByReference size, boolean order, int af, int tableClass, int reserved);

    /** Loaded when a collection first needs it. */
    final class Holder {
        static final IpHelper INSTANCE = Native.load("iphlpapi", IpHelper.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {}
    }

    /** The row tables start after their DWORD dwNumEntries; every row aligns on 4. */
    int ROWS_OFFSET = 4;

    @FieldOrder({"dwState", "dwLocalAddr", "dwLocalPort", "dwRemoteAddr", "dwRemotePort", "dwOwningPid"})
    class MIB_TCPROW_OWNER_PID extends Structure {
        public int dwState;
        public int dwLocalAddr;
        public int dwLocalPort;
        public int dwRemoteAddr;
        public int dwRemotePort;
        public int dwOwningPid;

        public MIB_TCPROW_OWNER_PID() {}

        public MIB_TCPROW_OWNER_PID(Pointer p) {
            super(p);
            read();
        }
    }

    @FieldOrder({
        "ucLocalAddr",
        "dwLocalScopeId",
        "dwLocalPort",
        "ucRemoteAddr",
        "dwRemoteScopeId",
        "dwRemotePort",
        "dwState",
        "dwOwningPid"
    })
    class MIB_TCP6ROW_OWNER_PID extends Structure {
        public byte[] ucLocalAddr = new byte[16];
        public int dwLocalScopeId;
        public int dwLocalPort;
        public byte[] ucRemoteAddr = new byte[16];
        public int dwRemoteScopeId;
        public int dwRemotePort;
        public int dwState;
        public int dwOwningPid;

        public MIB_TCP6ROW_OWNER_PID() {}

        public MIB_TCP6ROW_OWNER_PID(Pointer p) {
            super(p);
            read();
        }
    }

    @FieldOrder({"dwLocalAddr", "dwLocalPort", "dwOwningPid"})
    class MIB_UDPROW_OWNER_PID extends Structure {
        public int dwLocalAddr;
        public int dwLocalPort;
        public int dwOwningPid;

        public MIB_UDPROW_OWNER_PID() {}

        public MIB_UDPROW_OWNER_PID(Pointer p) {
            super(p);
            read();
        }
    }

    @FieldOrder({"ucLocalAddr", "dwLocalScopeId", "dwLocalPort", "dwOwningPid"})
    class MIB_UDP6ROW_OWNER_PID extends Structure {
        public byte[] ucLocalAddr = new byte[16];
        public int dwLocalScopeId;
        public int dwLocalPort;
        public int dwOwningPid;

        public MIB_UDP6ROW_OWNER_PID() {}

        public MIB_UDP6ROW_OWNER_PID(Pointer p) {
            super(p);
            read();
        }
    }
}
