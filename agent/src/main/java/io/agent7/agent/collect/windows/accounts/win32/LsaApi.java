package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The logon session functions of secur32.dll (ntsecapi.h), which jna-platform lacks. */
interface LsaApi extends StdCallLibrary {

    int STATUS_SUCCESS = 0;
    /** The session ended between the enumeration and the query. */
    int STATUS_NO_SUCH_LOGON_SESSION = 0xC000005F;

    /** Loaded on first use only. */
    final class Holder {
        static final LsaApi INSTANCE = Native.load("Secur32", LsaApi.class, W32APIOptions.UNICODE_OPTIONS);

        private Holder() {}
    }

    /** NTSTATUS LsaEnumerateLogonSessions(PULONG LogonSessionCount, PLUID *LogonSessionList). */
    int LsaEnumerateLogonSessions(IntByReference logonSessionCount, PointerByReference logonSessionList);

    /** NTSTATUS LsaGetLogonSessionData(PLUID LogonId, PSECURITY_LOGON_SESSION_DATA *ppLogonSessionData). */
    int LsaGetLogonSessionData(Pointer logonId, PointerByReference ppLogonSessionData);

    /** NTSTATUS LsaFreeReturnBuffer(PVOID Buffer). */
    int LsaFreeReturnBuffer(Pointer buffer);
}
