package io.agent7.agent.collect.windows.software.win32;

import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.W32Errors;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import io.agent7.agent.collect.windows.software.UninstallEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads every Uninstall key: HKEY_LOCAL_MACHINE's through both registry views, and each
 * loaded user hive's (HKEY_USERS\SID; a user who is not logged on has no loaded hive, so
 * their per-user programs are not seen, as Programs and Features would not show them either).
 * Every key is opened with an explicit view flag, so a 32-bit JVM reads the 64-bit view too.
 */
public final class UninstallKeys {

    static final String PATH = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";

    /** The values read from each product's key. */
    static final List<String> VALUES = List.of(
            "DisplayName",
            "DisplayVersion",
            "Publisher",
            "InstallDate",
            "InstallLocation",
            "UninstallString",
            "EstimatedSize",
            "SystemComponent",
            "ParentKeyName",
            "WindowsInstaller",
            "HelpLink");

    private UninstallKeys() {}

    public static List<UninstallEntry> read() {
        List<UninstallEntry> entries = new ArrayList<>();
        // On 32-bit Windows there is one view; KEY_WOW64_32KEY is ignored there and reads it.
        if (windowsIs64Bit()) {
            readKey(WinReg.HKEY_LOCAL_MACHINE, PATH, UninstallEntry.VIEW_64, null, entries);
        }
        readKey(WinReg.HKEY_LOCAL_MACHINE, PATH, UninstallEntry.VIEW_32, null, entries);
        for (String hive : Advapi32Util.registryGetKeys(WinReg.HKEY_USERS)) {
            // HKEY_USERS also holds .DEFAULT and each user's SID_Classes hive; neither has
            // an Uninstall key of its own.
            if (hive.startsWith("S-") && !hive.endsWith("_Classes")) {
                readKey(WinReg.HKEY_USERS, hive + "\\" + PATH, UninstallEntry.VIEW_64, hive, entries);
            }
        }
        return entries;
    }

    private static void readKey(WinReg.HKEY root, String path, int view, String sid, List<UninstallEntry> entries) {
        WinReg.HKEY key = open(root, path, view);
        if (key == null) {
            return;
        }
        try {
            for (String name : Advapi32Util.registryGetKeys(key)) {
                WinReg.HKEY product = open(key, name, view);
                if (product == null) {
                    continue;
                }
                try {
                    entries.add(entry(view, sid, name, RegistryValues.read(product, VALUES)));
                } finally {
                    Advapi32Util.registryCloseKey(product);
                }
            }
        } finally {
            Advapi32Util.registryCloseKey(key);
        }
    }

    /** The key opened for reading, or null when it does not exist (or was just uninstalled). */
    private static WinReg.HKEY open(WinReg.HKEY parent, String path, int view) {
        try {
            return Advapi32Util.registryGetKey(parent, path, WinNT.KEY_READ | view)
                    .getValue();
        } catch (Win32Exception e) {
            if (e.getHR().equals(W32Errors.HRESULT_FROM_WIN32(WinError.ERROR_FILE_NOT_FOUND))) {
                return null;
            }
            throw e;
        }
    }

    static UninstallEntry entry(int view, String sid, String name, Map<String, Object> values) {
        return new UninstallEntry(
                view,
                sid,
                name,
                RegistryValues.text(values.get("DisplayName")),
                RegistryValues.text(values.get("DisplayVersion")),
                RegistryValues.text(values.get("Publisher")),
                RegistryValues.text(values.get("InstallDate")),
                RegistryValues.text(values.get("InstallLocation")),
                RegistryValues.text(values.get("UninstallString")),
                RegistryValues.dword(values.get("EstimatedSize")),
                RegistryValues.dword(values.get("SystemComponent")),
                RegistryValues.text(values.get("ParentKeyName")),
                RegistryValues.dword(values.get("WindowsInstaller")),
                RegistryValues.text(values.get("HelpLink")));
    }

    private static boolean windowsIs64Bit() {
        if (Platform.is64Bit()) {
            return true;
        }
        IntByReference wow64 = new IntByReference();
        if (!Kernel32.INSTANCE.IsWow64Process(Kernel32.INSTANCE.GetCurrentProcess(), wow64)) {
            throw new Win32Exception(Kernel32.INSTANCE.GetLastError());
        }
        return wow64.getValue() != 0;
    }
}
