package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import io.agent7.agent.collect.windows.config.ComServer;
import io.agent7.agent.collect.windows.software.win32.RegistryValues;
import java.util.List;

/**
 * The machine's {@code HKLM\SOFTWARE\Classes} and one account's own Classes, read through the
 * 64-bit view as the task's 64-bit host process sees them.
 *
 * <p>The account's Classes are read as {@code HKU\<SID>\Software\Classes}: for a user that key
 * links to the {@code HKU\<SID>_Classes} hive (UsrClass.dat), and for the service accounts,
 * which have no such hive, it is a plain key of their profile. Both are there only while the
 * profile is loaded: a user who is not logged on has no per-user classes in view, for COM either.
 *
 * @param sid the account's SID, or null when it is unknown (its own Classes are then absent)
 */
record ClassesReader(String sid) implements ComServer.Classes {

    @Override
    public boolean exists(ComServer.Registration registration, String key) {
        WinReg.HKEY opened = open(registration, key);
        if (opened == null) {
            return false;
        }
        Advapi32.INSTANCE.RegCloseKey(opened);
        return true;
    }

    @Override
    public String defaultValue(ComServer.Registration registration, String key) {
        WinReg.HKEY opened = open(registration, key);
        if (opened == null) {
            return null;
        }
        try {
            // The unnamed value; RegistryValues gives REG_SZ and REG_EXPAND_SZ as String, unexpanded.
            return RegistryValues.read(opened, List.of("")).get("") instanceof String text ? text : null;
        } finally {
            Advapi32.INSTANCE.RegCloseKey(opened);
        }
    }

    /** The key opened for reading, or null when it (or the account's hive) does not exist. */
    private WinReg.HKEY open(ComServer.Registration registration, String key) {
        WinReg.HKEY root;
        String path;
        if (registration == ComServer.Registration.MACHINE) {
            root = WinReg.HKEY_LOCAL_MACHINE;
            path = "SOFTWARE\\Classes\\" + key;
        } else if (sid != null) {
            root = WinReg.HKEY_USERS;
            path = sid + "\\Software\\Classes\\" + key;
        } else {
            return null;
        }
        WinReg.HKEYByReference opened = new WinReg.HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root, path, 0, WinNT.KEY_QUERY_VALUE | WinNT.KEY_WOW64_64KEY, opened);
        if (rc == WinError.ERROR_FILE_NOT_FOUND) {
            return null;
        }
        if (rc != WinError.ERROR_SUCCESS) {
            throw new Win32Exception(rc);
        }
        return opened.getValue();
    }
}
