package io.agent7.agent.collect.windows.config;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What a shortcut (.lnk) starts, read from the Shell Link binary format ([MS-SHLLINK]): the
 * header's flags, the LinkInfo's local base path or network share with its common path
 * suffix, the StringData strings, and the EnvironmentVariableDataBlock's target. The
 * LinkTargetIDList (shell item ids, which need the shell to read) is skipped.
 *
 * @param localBasePath    LinkInfo LocalBasePath (Unicode when present), or null
 * @param networkPath      LinkInfo CommonNetworkRelativeLink NetName, or null
 * @param commonPathSuffix LinkInfo CommonPathSuffix, or null
 * @param relativePath     StringData RELATIVE_PATH, relative to the .lnk file, or null
 * @param workingDir       StringData WORKING_DIR, or null
 * @param arguments        StringData COMMAND_LINE_ARGUMENTS, or null
 * @param environmentPath  EnvironmentVariableDataBlock target (with %VAR%), or null
 */
public record ShellLink(
        String localBasePath,
        String networkPath,
        String commonPathSuffix,
        String relativePath,
        String workingDir,
        String arguments,
        String environmentPath) {

    private static final int HEADER_SIZE = 0x4C;
    private static final int HAS_LINK_TARGET_ID_LIST = 0x1;
    private static final int HAS_LINK_INFO = 0x2;
    private static final int HAS_NAME = 0x4;
    private static final int HAS_RELATIVE_PATH = 0x8;
    private static final int HAS_WORKING_DIR = 0x10;
    private static final int HAS_ARGUMENTS = 0x20;
    private static final int HAS_ICON_LOCATION = 0x40;
    private static final int IS_UNICODE = 0x80;
    private static final int FORCE_NO_LINK_INFO = 0x100;
    private static final int VOLUME_ID_AND_LOCAL_BASE_PATH = 0x1;
    private static final int COMMON_NETWORK_RELATIVE_LINK = 0x2;
    private static final int ENVIRONMENT_VARIABLE_BLOCK = 0xA0000001;

    /**
     * The shortcut in {@code bytes}.
     *
     * @param ansi the code page of the non-Unicode strings: the system's ANSI code page
     * @throws IllegalArgumentException when the bytes are not a shell link, naming what is wrong
     */
    public static ShellLink parse(byte[] bytes, Charset ansi) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (bytes.length < HEADER_SIZE || in.getInt(0) != HEADER_SIZE || in.getInt(4) != 0x00021401) {
                throw new IllegalArgumentException(
                        "not a shell link: no ShellLinkHeader of size 0x4C with LinkCLSID 00021401");
            }
            int flags = in.getInt(20);
            int at = HEADER_SIZE;
            if ((flags & HAS_LINK_TARGET_ID_LIST) != 0) {
                at += 2 + Short.toUnsignedInt(in.getShort(at));
            }
            String local = null;
            String network = null;
            String suffix = null;
            // ForceNoLinkInfo says a LinkInfo that is there is to be ignored: stepped over, not read.
            if ((flags & HAS_LINK_INFO) != 0 && (flags & FORCE_NO_LINK_INFO) != 0) {
                at += in.getInt(at);
            } else if ((flags & HAS_LINK_INFO) != 0) {
                int info = at;
                int size = in.getInt(info);
                int headerSize = in.getInt(info + 4);
                int infoFlags = in.getInt(info + 8);
                boolean unicode = headerSize >= 0x24;
                if ((infoFlags & VOLUME_ID_AND_LOCAL_BASE_PATH) != 0) {
                    local = unicode
                            ? utf16(in, info + in.getInt(info + 0x1C))
                            : ansi(in, info + in.getInt(info + 0x10), ansi);
                }
                if ((infoFlags & COMMON_NETWORK_RELATIVE_LINK) != 0) {
                    int link = info + in.getInt(info + 0x14);
                    int netNameOffset = in.getInt(link + 8);
                    network = netNameOffset > 0x14
                            ? utf16(in, link + in.getInt(link + 0x14))
                            : ansi(in, link + netNameOffset, ansi);
                }
                suffix = unicode
                        ? utf16(in, info + in.getInt(info + 0x20))
                        : ansi(in, info + in.getInt(info + 0x18), ansi);
                at = info + size;
            }
            boolean unicode = (flags & IS_UNICODE) != 0;
            String[] strings = new String[5];
            int[] present = {HAS_NAME, HAS_RELATIVE_PATH, HAS_WORKING_DIR, HAS_ARGUMENTS, HAS_ICON_LOCATION};
            for (int i = 0; i < present.length; i++) {
                if ((flags & present[i]) != 0) {
                    int count = Short.toUnsignedInt(in.getShort(at));
                    int length = unicode ? count * 2 : count;
                    strings[i] = new String(bytes, at + 2, length, unicode ? StandardCharsets.UTF_16LE : ansi);
                    at += 2 + length;
                }
            }
            String environment = null;
            while (at + 8 <= bytes.length) {
                int blockSize = in.getInt(at);
                if (blockSize < 8) {
                    break;
                }
                if (in.getInt(at + 4) == ENVIRONMENT_VARIABLE_BLOCK && blockSize >= 0x314) {
                    String unicodeTarget = utf16(in, at + 8 + 260);
                    environment = unicodeTarget.isEmpty() ? ansi(in, at + 8, ansi) : unicodeTarget;
                }
                at += blockSize;
            }
            return new ShellLink(
                    blankToNull(local),
                    blankToNull(network),
                    blankToNull(suffix),
                    blankToNull(strings[1]),
                    blankToNull(strings[2]),
                    blankToNull(strings[3]),
                    blankToNull(environment));
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "truncated shell link: a structure runs past its " + bytes.length + " bytes", e);
        }
    }

    /** The file the shortcut starts: local path, share path, or environment target, with the suffix joined. */
    public String target() {
        String base = localBasePath != null ? localBasePath : networkPath;
        if (base != null) {
            if (commonPathSuffix == null) {
                return base;
            }
            return base.endsWith("\\") ? base + commonPathSuffix : base + "\\" + commonPathSuffix;
        }
        return environmentPath;
    }

    private static String ansi(ByteBuffer in, int offset, Charset ansi) {
        int end = offset;
        while (in.get(end) != 0) {
            end++;
        }
        byte[] text = new byte[end - offset];
        in.get(offset, text);
        return new String(text, ansi);
    }

    private static String utf16(ByteBuffer in, int offset) {
        StringBuilder text = new StringBuilder();
        for (int at = offset; ; at += 2) {
            char c = in.getChar(at);
            if (c == 0) {
                return text.toString();
            }
            text.append(c);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
