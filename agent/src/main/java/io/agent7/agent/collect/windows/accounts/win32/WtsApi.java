package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The session queries of wtsapi32.dll, declared here so that only collecting loads the DLL. */
interface WtsApi extends StdCallLibrary {

    /** WTS_CURRENT_SERVER_HANDLE: the local host. */
    Pointer CURRENT_SERVER = null;

    int WTS_WIN_STATION_NAME = 6;
    int WTS_CLIENT_NAME = 10;
    int WTS_CLIENT_ADDRESS = 14;

    final class Holder {
        static final WtsApi INSTANCE = Native.load("Wtsapi32", WtsApi.class, W32APIOptions.UNICODE_OPTIONS);

        private Holder() {}
    }

    /**
     * BOOL WTSQuerySessionInformationW(HANDLE hServer, DWORD SessionId, WTS_INFO_CLASS
     * WTSInfoClass, LPWSTR *ppBuffer, DWORD *pBytesReturned); the "W" is added by the
     * Unicode function mapper.
     */
    boolean WTSQuerySessionInformation(
            Pointer server, int sessionId, int infoClass, PointerByReference buffer, IntByReference bytesReturned);

    /** void WTSFreeMemory(PVOID pMemory). */
    void WTSFreeMemory(Pointer memory);
}
