package io.agent7.agent.collect.windows.software.win32;

/**
 * Values as Advapi32Util.registryGetValues returns them (String for REG_SZ and
 * REG_EXPAND_SZ, Integer for REG_DWORD, Long for REG_QWORD, String[] for REG_MULTI_SZ,
 * byte[] for REG_BINARY), read as the type a value is documented to have. Installers do not
 * always write the documented type: EstimatedSize as REG_SZ, DisplayVersion as REG_DWORD.
 */
final class RegistryValues {

    private RegistryValues() {}

    static String text(Object value) {
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
    static Integer dword(Object value) {
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
