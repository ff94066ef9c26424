package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import io.agent7.agent.collect.windows.process.DriveRecord;
import java.util.ArrayList;
import java.util.List;

/** The drive letters and their volumes. */
public final class DriveReader {

    private static final int MAX_PATH = 260;

    /** A volume GUID path: \\?\Volume{36 characters}\ and its NUL. */
    private static final int VOLUME_NAME_LENGTH = 50;

    private DriveReader() {}

    public static List<DriveRecord> read() {
        List<DriveRecord> drives = new ArrayList<>();
        for (String root : roots()) {
            drives.add(drive(root));
        }
        return drives;
    }

    /** GetLogicalDriveStringsW: "C:\", "D:\", ... in one NUL-separated buffer ending in two NULs. */
    static List<String> roots() {
        Kernel32 kernel32 = Kernel32.INSTANCE;
        int needed = kernel32.GetLogicalDriveStrings(new WinDef.DWORD(0), null).intValue();
        while (true) {
            char[] buffer = new char[needed + 1];
            int length = kernel32.GetLogicalDriveStrings(new WinDef.DWORD(buffer.length), buffer)
                    .intValue();
            if (length == 0) {
                throw new Win32Exception(Native.getLastError());
            }
            if (length < buffer.length) {
                return split(buffer, length);
            }
            needed = length; // a drive was mapped between the calls
        }
    }

    static List<String> split(char[] buffer, int length) {
        List<String> roots = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == 0) {
                if (i > start) {
                    roots.add(new String(buffer, start, i - start));
                }
                start = i + 1;
            }
        }
        return roots;
    }

    private static DriveRecord drive(String root) {
        Kernel32 kernel32 = Kernel32.INSTANCE;
        int type = kernel32.GetDriveType(root);
        char[] volume = new char[VOLUME_NAME_LENGTH];
        String volumeName =
                kernel32.GetVolumeNameForVolumeMountPoint(root, volume, volume.length) ? Native.toString(volume) : null;
        char[] label = new char[MAX_PATH + 1];
        char[] fileSystem = new char[MAX_PATH + 1];
        IntByReference serial = new IntByReference();
        IntByReference maxComponent = new IntByReference();
        IntByReference flags = new IntByReference();
        // An empty optical or card drive is "not ready": it is listed with its letter and type only.
        boolean information = kernel32.GetVolumeInformation(
                root, label, label.length, serial, maxComponent, flags, fileSystem, fileSystem.length);
        WinNT.LARGE_INTEGER available = new WinNT.LARGE_INTEGER();
        WinNT.LARGE_INTEGER total = new WinNT.LARGE_INTEGER();
        WinNT.LARGE_INTEGER free = new WinNT.LARGE_INTEGER();
        boolean space = kernel32.GetDiskFreeSpaceEx(root, available, total, free);
        return new DriveRecord(
                root,
                type,
                volumeName,
                information ? Native.toString(label) : null,
                information ? Native.toString(fileSystem) : null,
                information ? serial.getValue() : null,
                information ? flags.getValue() : null,
                space ? total.getValue() : null,
                space ? free.getValue() : null,
                space ? available.getValue() : null);
    }
}
