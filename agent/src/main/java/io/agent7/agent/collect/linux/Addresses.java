package io.agent7.agent.collect.linux;

/**
 * IP addresses as the kernel writes them in /proc/net (hex, in host byte order per 32-bit
 * word) and as Agent7 stores them: dotted IPv4, RFC 5952 IPv6, and IPv4-mapped IPv6 as the
 * plain IPv4 address it is (the form {@code Values.canonicalIp} gives too).
 */
final class Addresses {

    private Addresses() {}

    /** The address in a /proc/net hex field of 8 (IPv4) or 32 (IPv6) digits, or null. */
    static byte[] fromProcHex(CharSequence hex, int start, int end) {
        int digits = end - start;
        if (digits != 8 && digits != 32) {
            return null;
        }
        byte[] bytes = new byte[digits / 2];
        // Each 32-bit word is printed as a number in little-endian host order: its bytes come last to first.
        for (int word = 0; word < digits / 8; word++) {
            for (int b = 0; b < 4; b++) {
                int at = start + word * 8 + (3 - b) * 2;
                int high = Character.digit(hex.charAt(at), 16);
                int low = Character.digit(hex.charAt(at + 1), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes[word * 4 + b] = (byte) (high << 4 | low);
            }
        }
        return bytes;
    }

    static boolean isV4Mapped(byte[] address) {
        if (address.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return (address[10] & 0xff) == 0xff && (address[11] & 0xff) == 0xff;
    }

    static boolean isUnspecified(byte[] address) {
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Text form of a 4- or 16-byte address. */
    static String format(byte[] address) {
        if (address.length == 4) {
            return v4(address, 0);
        }
        if (isV4Mapped(address)) {
            return v4(address, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static String v4(byte[] a, int at) {
        return (a[at] & 0xff) + "." + (a[at + 1] & 0xff) + "." + (a[at + 2] & 0xff) + "." + (a[at + 3] & 0xff);
    }
}
