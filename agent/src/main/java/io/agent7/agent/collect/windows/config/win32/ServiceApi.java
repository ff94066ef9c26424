package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Winsvc.SC_HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The advapi32 service call jna-platform's Advapi32 lacks; the unicode options map it to QueryServiceConfigW. */
interface ServiceApi extends StdCallLibrary {

    /**
     * BOOL QueryServiceConfigW(SC_HANDLE hService, LPQUERY_SERVICE_CONFIGW lpServiceConfig,
     * DWORD cbBufSize, LPDWORD pcbBytesNeeded).
     */
    boolean QueryServiceConfig(
            SC_HANDLE hService, Pointer lpServiceConfig, int cbBufSize, IntByReference pcbBytesNeeded);

    /** Loads advapi32 on first use only, so that nothing loads it on a host that never collects Windows services. */
    final class Holder {
        static final ServiceApi INSTANCE = Native.load("Advapi32", ServiceApi.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {}
    }
}
