package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;

/** The Win32 "ask for the size, allocate, ask again" pattern of calls that fill a caller's buffer. */
final class Buffers {

    /** A call writing into {@code buffer} of {@code size} bytes and setting {@code needed} when it is too small. */
    interface Fill {
        boolean call(Pointer buffer, int size, IntByReference needed);
    }

    private Buffers() {}

    /**
     * The filled buffer. The size can grow between the two calls (a service reconfigured in
     * between), so the call is repeated while it reports ERROR_INSUFFICIENT_BUFFER or
     * ERROR_MORE_DATA; any other failure is thrown with its error code.
     */
    static Memory fill(Fill fill) {
        IntByReference needed = new IntByReference();
        Memory buffer = null;
        while (true) {
            int size = buffer == null ? 0 : (int) buffer.size();
            if (fill.call(buffer, size, needed)) {
                return buffer != null ? buffer : new Memory(1);
            }
            int error = Native.getLastError();
            if (error != WinError.ERROR_INSUFFICIENT_BUFFER && error != WinError.ERROR_MORE_DATA) {
                throw new Win32Exception(error);
            }
            buffer = new Memory(Math.max(needed.getValue(), size + 1));
        }
    }

    /** A REG_MULTI_SZ style list: strings each ended by a NUL, the list by an empty string. */
    static List<String> multiString(Pointer list) {
        List<String> strings = new ArrayList<>();
        if (list == null) {
            return strings;
        }
        long offset = 0;
        while (true) {
            String s = utf16(list, offset);
            if (s.isEmpty()) {
                return strings;
            }
            strings.add(s);
            offset += (s.length() + 1L) * Character.BYTES;
        }
    }

    static String wide(Pointer p) {
        return p == null ? null : utf16(p, 0);
    }

    /**
     * A NUL-ended UTF-16 string. Read unit by unit rather than with getWideString, whose
     * wchar_t is 4 bytes wide off Windows, so that the same code reads test buffers.
     */
    static String utf16(Pointer p, long offset) {
        StringBuilder text = new StringBuilder();
        for (long at = offset; ; at += Character.BYTES) {
            char c = (char) p.getShort(at);
            if (c == 0) {
                return text.toString();
            }
            text.append(c);
        }
    }
}
