package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The Toolhelp32 process snapshot (tlhelp32.h), in its W form. jna-platform's PROCESSENTRY32
 * declares szExeFile as char[], which JNA sizes as the platform's wchar_t: right on Windows,
 * but 4 bytes on the Linux build machines, where the layout could then not be checked. Here
 * the name is 260 16-bit units, the WCHARs Windows writes, decoded as UTF-16.
 */
public interface Toolhelp extends StdCallLibrary {

    int TH32CS_SNAPPROCESS = 0x00000002;

    /** HANDLE CreateToolhelp32Snapshot(DWORD dwFlags, DWORD th32ProcessID). */
    WinNT.HANDLE CreateToolhelp32Snapshot(int flags, int processId);

    /** BOOL Process32FirstW(HANDLE, LPPROCESSENTRY32W): dwSize must be set before the call. */
    boolean Process32FirstW(WinNT.HANDLE snapshot, PROCESSENTRY32W entry);

    boolean Process32NextW(WinNT.HANDLE snapshot, PROCESSENTRY32W entry);

    /** Loaded when a collection first needs it; no function-name mapping, the W names are explicit. */
    final class Holder {
        static final Toolhelp INSTANCE = Native.load("kernel32", Toolhelp.class);

        private Holder() {}
    }

    @FieldOrder({
        "dwSize",
        "cntUsage",
        "th32ProcessID",
        "th32DefaultHeapID",
        "th32ModuleID",
        "cntThreads",
        "th32ParentProcessID",
        "pcPriClassBase",
        "dwFlags",
        "szExeFile"
    })
    class PROCESSENTRY32W extends Structure {
        private static final int MAX_PATH = 260;

        public int dwSize;
        public int cntUsage;
        public int th32ProcessID;
        public Pointer th32DefaultHeapID;
        public int th32ModuleID;
        public int cntThreads;
        public int th32ParentProcessID;
        public int pcPriClassBase;
        public int dwFlags;
        public short[] szExeFile = new short[MAX_PATH];

        public PROCESSENTRY32W() {
            dwSize = size();
        }

        /** szExeFile up to its NUL. */
        public String exeFile() {
            StringBuilder name = new StringBuilder();
            for (short unit : szExeFile) {
                if (unit == 0) {
                    break;
                }
                name.append((char) unit);
            }
            return name.toString();
        }
    }
}
