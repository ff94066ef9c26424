package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.win32.StdCallLibrary;
import io.agent7.agent.collect.windows.process.PipeEntry;
import java.util.ArrayList;
import java.util.List;

/** The named pipes: the directory of the named pipe file system, {@code \\.\pipe\}. */
public final class PipeReader {

    private PipeReader() {}

    public static List<PipeEntry> read() {
        FindFiles find = FindFiles.Holder.INSTANCE;
        WIN32_FIND_DATAW data = new WIN32_FIND_DATAW();
        WinNT.HANDLE handle = find.FindFirstFileW(new WString("\\\\.\\pipe\\*"), data);
        if (handle == null || WinBase.INVALID_HANDLE_VALUE.equals(handle)) {
            int error = Native.getLastError();
            if (error == WinError.ERROR_FILE_NOT_FOUND) {
                return List.of(); // no pipe at all
            }
            throw new Win32Exception(error);
        }
        try {
            List<PipeEntry> entries = new ArrayList<>();
            do {
                entries.add(new PipeEntry(
                        data.fileName(), (long) data.nFileSizeHigh << 32 | data.nFileSizeLow & 0xFFFF_FFFFL));
            } while (find.FindNextFileW(handle, data));
            int error = Native.getLastError();
            if (error != WinError.ERROR_NO_MORE_FILES) {
                throw new Win32Exception(error);
            }
            return entries;
        } finally {
            find.FindClose(handle);
        }
    }

    /** FindFirstFileW, FindNextFileW, FindClose (fileapi.h), with the W structure declared here. */
    interface FindFiles extends StdCallLibrary {

        WinNT.HANDLE FindFirstFileW(WString fileName, WIN32_FIND_DATAW data);

        boolean FindNextFileW(WinNT.HANDLE find, WIN32_FIND_DATAW data);

        boolean FindClose(WinNT.HANDLE find);

        final class Holder {
            static final FindFiles INSTANCE = Native.load("kernel32", FindFiles.class);

            private Holder() {}
        }
    }

    /**
     * WIN32_FIND_DATAW: DWORD dwFileAttributes; FILETIME ftCreationTime, ftLastAccessTime,
     * ftLastWriteTime; DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1; WCHAR
     * cFileName[MAX_PATH]; WCHAR cAlternateFileName[14]. The names are 16-bit units, as in
     * {@link Toolhelp.PROCESSENTRY32W}.
     */
    @FieldOrder({
        "dwFileAttributes",
        "ftCreationTime",
        "ftLastAccessTime",
        "ftLastWriteTime",
        "nFileSizeHigh",
        "nFileSizeLow",
        "dwReserved0",
        "dwReserved1",
        "cFileName",
        "cAlternateFileName"
    })
    public static class WIN32_FIND_DATAW extends Structure {
        public int dwFileAttributes;
        public WinBase.FILETIME ftCreationTime;
        public WinBase.FILETIME ftLastAccessTime;
        public WinBase.FILETIME ftLastWriteTime;
        public int nFileSizeHigh;
        public int nFileSizeLow;
        public int dwReserved0;
        public int dwReserved1;
        public short[] cFileName = new short[260];
        public short[] cAlternateFileName = new short[14];

        String fileName() {
            StringBuilder name = new StringBuilder();
            for (short unit : cFileName) {
                if (unit == 0) {
                    break;
                }
                name.append((char) unit);
            }
            return name.toString();
        }
    }
}
