package io.agent7.agent.collect.windows.software.win32;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads named registry values with RegQueryValueEx and decodes them by type: String for
 * REG_SZ and REG_EXPAND_SZ (unexpanded), Integer for REG_DWORD, Long for REG_QWORD, String[]
 * for REG_MULTI_SZ, byte[] for anything else. Advapi32Util.registryGetValues is not used: it
 * throws on a value of a type it does not know (REG_NONE with data, REG_DWORD_BIG_ENDIAN,
 * REG_LINK, ...), and one odd value an installer wrote would fail the whole collection.
 *
 * <p>Installers do not always write the documented type either (EstimatedSize as REG_SZ,
 * DisplayVersion as REG_DWORD): {@link #text} and {@link #dword} read a value as the type it
 * is documented to have.
 */
public final class RegistryValues {

    private RegistryValues() {}

    /** The values named {@code names} of an open key; a value the key lacks is absent from the map. */
    public static Map<String, Object> read(WinReg.HKEY key, List<String> names) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : names) {
            Object value = read(key, name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    private static Object read(WinReg.HKEY key, String name) {
        IntByReference type = new IntByReference();
        IntByReference size = new IntByReference();
        int rc = Advapi32.INSTANCE.RegQueryValueEx(key, name, 0, type, (byte[]) null, size);
        // The value can grow between the call that sizes it and the one that reads it.
        while (rc == WinError.ERROR_SUCCESS || rc == WinError.ERROR_MORE_DATA) {
            byte[] data = new byte[size.getValue()];
            size.setValue(data.length);
            rc = Advapi32.INSTANCE.RegQueryValueEx(key, name, 0, type, data.length == 0 ? null : data, size);
            if (rc == WinError.ERROR_SUCCESS) {
                return decode(type.getValue(), data, size.getValue());
            }
        }
        if (rc == WinError.ERROR_FILE_NOT_FOUND) {
            return null;
        }
        throw new Win32Exception(rc);
    }

    /** The first {@code length} bytes of {@code data} as a value of registry type {@code type}. */
    static Object decode(int type, byte[] data, int length) {
        switch (type) {
            case WinNT.REG_SZ, WinNT.REG_EXPAND_SZ:
                // A string is not always stored with its terminating NUL, and may hold garbage after one.
                return utf16(data, length).split("\u0000", -1)[0];
            case WinNT.REG_MULTI_SZ:
                String all = utf16(data, length);
                int end = all.indexOf("\u0000\u0000");
                String strings = end >= 0 ? all.substring(0, end) : all.replaceAll("\u0000$", "");
                return strings.isEmpty() ? new String[0] : strings.split("\u0000", -1);
            case WinNT.REG_DWORD:
                return length >= 4
                        ? ByteBuffer.wrap(data, 0, 4)
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getInt()
                        : null;
            case WinNT.REG_QWORD:
                return length >= 8
                        ? ByteBuffer.wrap(data, 0, 8)
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getLong()
                        : null;
            default:
                byte[] raw = new byte[length];
                System.arraycopy(data, 0, raw, 0, length);
                return raw;
        }
    }

    private static String utf16(byte[] data, int length) {
        return new String(data, 0, length - (length % 2), StandardCharsets.UTF_16LE);
    }

    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Integer i) {
            return Integer.toUnsignedString(i);
        }
        if (value instanceof Long l) {
            return Long.toUnsignedString(l);
        }
        if (value instanceof String[] lines) {
            return String.join("\n", lines);
        }
        return null;
    }

    /** A DWORD, or null when the value is missing or holds no 32-bit number. */
    public static Integer dword(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        long number = -1;
        if (value instanceof Long l) {
            number = l;
        } else if (value instanceof String s && s.strip().matches("\\d{1,10}")) {
            number = Long.parseLong(s.strip());
        }
        return number >= 0 && number <= 0xFFFF_FFFFL ? (int) number : null;
    }
}
