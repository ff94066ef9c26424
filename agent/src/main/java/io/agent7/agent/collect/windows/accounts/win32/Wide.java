package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;

/** UTF-16 strings the Net and LSA APIs hand over as LPWSTR. */
final class Wide {

    private Wide() {}

    /** The string at the pointer, or null for a null pointer. */
    static String string(Pointer pointer) {
        return pointer == null ? null : pointer.getWideString(0);
    }
}
