package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The printer enumeration of winspool.drv, declared here so that only collecting loads it. */
interface SpoolerApi extends StdCallLibrary {

    int PRINTER_ENUM_LOCAL = 0x2;
    int PRINTER_ENUM_CONNECTIONS = 0x4;
    int ERROR_FILE_NOT_FOUND = 2;
    int ERROR_INSUFFICIENT_BUFFER = 122;

    final class Holder {
        static final SpoolerApi INSTANCE = Native.load("winspool.drv", SpoolerApi.class, W32APIOptions.UNICODE_OPTIONS);

        private Holder() {}
    }

    /**
     * BOOL EnumPrintersW(DWORD Flags, LPWSTR Name, DWORD Level, LPBYTE pPrinterEnum, DWORD cbBuf,
     * LPDWORD pcbNeeded, LPDWORD pcReturned).
     */
    boolean EnumPrinters(
            int flags,
            String name,
            int level,
            Pointer printerEnum,
            int bufferSize,
            IntByReference needed,
            IntByReference returned);

    /** BOOL GetDefaultPrinterW(LPWSTR pszBuffer, LPDWORD pcchBuffer). */
    boolean GetDefaultPrinter(char[] buffer, IntByReference size);
}
