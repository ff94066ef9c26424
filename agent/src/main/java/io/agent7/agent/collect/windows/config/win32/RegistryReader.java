package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.config.RegistryValue;
import io.agent7.agent.collect.windows.config.WatchedKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The values of watched keys, raw, from both registry views and every loaded user hive. */
public final class RegistryReader {

    public List<RegistryValue> read(List<WatchedKey> keys) {
        List<RegistryValue> values = new ArrayList<>();
        List<String> users = null;
        for (WatchedKey watched : keys) {
            if (watched.hive().equals("HKLM")) {
                read(
                        values,
                        WinReg.HKEY_LOCAL_MACHINE,
                        "HKLM",
                        watched.key(),
                        watched.key(),
                        WinNT.KEY_WOW64_64KEY,
                        null);
                if (watched.redirected()) {
                    read(
                            values,
                            WinReg.HKEY_LOCAL_MACHINE,
                            "HKLM",
                            watched.key(),
                            watched.wow64Key(),
                            WinNT.KEY_WOW64_32KEY,
                            null);
                }
            } else {
                if (users == null) {
                    users = Arrays.stream(Advapi32Util.registryGetKeys(WinReg.HKEY_USERS))
                            .filter(sid -> sid.startsWith("S-1-") && !sid.endsWith("_Classes"))
                            .toList();
                }
                for (String sid : users) {
                    String key = sid + "\\" + watched.key();
                    read(values, WinReg.HKEY_USERS, "HKU", key, key, WinNT.KEY_WOW64_64KEY, user(sid));
                }
            }
        }
        return values;
    }

    private static String user(String sid) {
        try {
            return Advapi32Util.getAccountBySid(sid).fqn;
        } catch (Win32Exception e) {
            if (e.getErrorCode() == WinError.ERROR_NONE_MAPPED) {
                return sid;
            }
            throw e;
        }
    }

    /** Every value of one key; nothing when the key does not exist in that view. */
    private static void read(
            List<RegistryValue> out,
            WinReg.HKEY root,
            String hive,
            String path,
            String written,
            int view,
            String user) {
        WinReg.HKEYByReference opened = new WinReg.HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root, path, 0, WinNT.KEY_READ | view, opened);
        if (rc == WinError.ERROR_FILE_NOT_FOUND) {
            return;
        }
        check(rc);
        WinReg.HKEY key = opened.getValue();
        try {
            IntByReference maxName = new IntByReference();
            IntByReference maxData = new IntByReference();
            WinBase.FILETIME lastWrite = new WinBase.FILETIME();
            check(Advapi32.INSTANCE.RegQueryInfoKey(
                    key, null, null, null, null, null, null, null, maxName, maxData, null, lastWrite));
            long ticks = FileTimes.ticks(lastWrite.dwLowDateTime, lastWrite.dwHighDateTime);
            char[] name = new char[maxName.getValue() + 1];
            byte[] data = new byte[Math.max(maxData.getValue(), 1)];
            for (int index = 0; ; index++) {
                IntByReference nameLength = new IntByReference(name.length);
                IntByReference dataLength = new IntByReference(data.length);
                IntByReference type = new IntByReference();
                rc = Advapi32.INSTANCE.RegEnumValue(key, index, name, nameLength, null, type, data, dataLength);
                if (rc == WinError.ERROR_NO_MORE_ITEMS) {
                    return;
                }
                if (rc == WinError.ERROR_MORE_DATA) {
                    // A value grew since RegQueryInfoKey: make room and read the same index again.
                    name = new char[Math.max(name.length * 2, nameLength.getValue() + 1)];
                    data = new byte[Math.max(data.length * 2, dataLength.getValue())];
                    index--;
                    continue;
                }
                check(rc);
                out.add(new RegistryValue(
                        hive,
                        written,
                        new String(name, 0, nameLength.getValue()),
                        type.getValue(),
                        Arrays.copyOf(data, dataLength.getValue()),
                        ticks,
                        user));
            }
        } finally {
            Advapi32.INSTANCE.RegCloseKey(key);
        }
    }

    private static void check(int rc) {
        if (rc != WinError.ERROR_SUCCESS) {
            throw new Win32Exception(rc);
        }
    }
}
