package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The ntdll structures a command line is read through, as winternl.h documents them. PEB and
 * RTL_USER_PROCESS_PARAMETERS are documented only up to the fields used here; the reserved
 * members before them are kept so the offsets are the documented ones. JNA creates structures
 * reflectively from its own package, so they and their constructors are public.
 */
public final class NtStructures {

    private NtStructures() {}

    /** UNICODE_STRING: Length and MaximumLength in bytes, not characters; Buffer not NUL-terminated. */
    @FieldOrder({"Length", "MaximumLength", "Buffer"})
    public static class UNICODE_STRING extends Structure {
        public short Length;
        public short MaximumLength;
        public Pointer Buffer;

        public UNICODE_STRING() {}

        public UNICODE_STRING(Pointer p) {
            super(p);
            read();
        }
    }

    /** PROCESS_BASIC_INFORMATION, NtQueryInformationProcess class 0 (ProcessBasicInformation). */
    @FieldOrder({
        "ExitStatus",
        "PebBaseAddress",
        "AffinityMask",
        "BasePriority",
        "UniqueProcessId",
        "InheritedFromUniqueProcessId"
    })
    public static class PROCESS_BASIC_INFORMATION extends Structure {
        public int ExitStatus;
        public Pointer PebBaseAddress;
        public Pointer AffinityMask;
        public int BasePriority;
        public Pointer UniqueProcessId;
        public Pointer InheritedFromUniqueProcessId;
    }

    /** PEB, up to ProcessParameters: BYTE Reserved1[2]; BYTE BeingDebugged; BYTE Reserved2[1]; PVOID Reserved3[2]; PPEB_LDR_DATA Ldr. */
    @FieldOrder({"Reserved1", "BeingDebugged", "Reserved2", "Reserved3", "Ldr", "ProcessParameters"})
    public static class PEB extends Structure {
        public byte[] Reserved1 = new byte[2];
        public byte BeingDebugged;
        public byte[] Reserved2 = new byte[1];
        public Pointer[] Reserved3 = new Pointer[2];
        public Pointer Ldr;
        public Pointer ProcessParameters;
    }

    /** RTL_USER_PROCESS_PARAMETERS, up to CommandLine: BYTE Reserved1[16]; PVOID Reserved2[10]. */
    @FieldOrder({"Reserved1", "Reserved2", "ImagePathName", "CommandLine"})
    public static class RTL_USER_PROCESS_PARAMETERS extends Structure {
        public byte[] Reserved1 = new byte[16];
        public Pointer[] Reserved2 = new Pointer[10];
        public UNICODE_STRING ImagePathName;
        public UNICODE_STRING CommandLine;
    }

    /** SYSTEM_PAGEFILE_INFORMATION: ULONG NextEntryOffset, TotalSize, TotalInUse, PeakUsage (pages); UNICODE_STRING PageFileName. */
    @FieldOrder({"NextEntryOffset", "TotalSize", "TotalInUse", "PeakUsage", "PageFileName"})
    public static class SYSTEM_PAGEFILE_INFORMATION extends Structure {
        public int NextEntryOffset;
        public int TotalSize;
        public int TotalInUse;
        public int PeakUsage;
        public UNICODE_STRING PageFileName;

        public SYSTEM_PAGEFILE_INFORMATION() {}

        public SYSTEM_PAGEFILE_INFORMATION(Pointer p) {
            super(p);
            read();
        }
    }
}
