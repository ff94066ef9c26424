package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** What jna-platform's NtDll lacks: NtQueryInformationProcess (winternl.h). */
interface NtProcess extends StdCallLibrary {

    int ProcessBasicInformation = 0;

    /** ProcessCommandLineInformation: a UNICODE_STRING and its text; Windows 8.1 and later. */
    int ProcessCommandLineInformation = 60;

    int STATUS_SUCCESS = 0;

    int STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;

    int STATUS_INVALID_INFO_CLASS = 0xC0000003;

    int STATUS_BUFFER_OVERFLOW = 0x80000005;

    int STATUS_BUFFER_TOO_SMALL = 0xC0000023;

    /** NTSTATUS NtQueryInformationProcess(HANDLE, PROCESSINFOCLASS, PVOID, ULONG, PULONG). */
    int NtQueryInformationProcess(
            WinNT.HANDLE process, int infoClass, Pointer info, int length, IntByReference returnLength);

    /** SystemTimeOfDayInformation: SYSTEM_TIMEOFDAY_INFORMATION, whose first LARGE_INTEGER is the boot time. */
    int SystemTimeOfDayInformation = 3;

    /**
     * sizeof(SYSTEM_TIMEOFDAY_INFORMATION) on x64: LARGE_INTEGER BootTime, CurrentTime,
     * TimeZoneBias; ULONG TimeZoneId, Reserved; ULONGLONG BootTimeBias, SleepTimeBias.
     */
    int SYSTEM_TIMEOFDAY_INFORMATION_SIZE = 48;

    /** NTSTATUS NtQuerySystemInformation(SYSTEM_INFORMATION_CLASS, PVOID, ULONG, PULONG). */
    int NtQuerySystemInformation(int infoClass, Pointer info, int length, IntByReference returnLength);

    /** Loaded when a collection first needs it, never when the class is merely touched. */
    final class Holder {
        static final NtProcess INSTANCE = Native.load("ntdll", NtProcess.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {}
    }
}
