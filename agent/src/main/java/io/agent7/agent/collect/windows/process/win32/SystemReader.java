package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.process.CpuTimes;
import io.agent7.agent.collect.windows.process.SystemSample;
import io.agent7.agent.collect.windows.process.win32.NtStructures.SYSTEM_PAGEFILE_INFORMATION;
import io.agent7.agent.collect.windows.process.win32.NtStructures.UNICODE_STRING;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The readings of a {@code system_metric} sample. */
public final class SystemReader {

    /** SystemPageFileInformation: a chain of SYSTEM_PAGEFILE_INFORMATION. */
    static final int SystemPageFileInformation = 18;

    /** GetActiveProcessorCount's ALL_PROCESSOR_GROUPS: every group, not only the caller's 64. */
    static final short ALL_PROCESSOR_GROUPS = (short) 0xFFFF;

    private SystemReader() {}

    public static CpuTimes cpuTimes() {
        WinBase.FILETIME idle = new WinBase.FILETIME();
        WinBase.FILETIME kernel = new WinBase.FILETIME();
        WinBase.FILETIME user = new WinBase.FILETIME();
        if (!Kernel32.INSTANCE.GetSystemTimes(idle, kernel, user)) {
            return null;
        }
        return new CpuTimes(ticks(idle), ticks(kernel), ticks(user));
    }

    /** A sample now, its CPU share counted from {@code previousCpu}. */
    public static SystemSample sample(Instant now, CpuTimes previousCpu, CpuTimes cpu) {
        Kernel32 kernel32 = Kernel32.INSTANCE;
        WinBase.MEMORYSTATUSEX memory = new WinBase.MEMORYSTATUSEX();
        boolean memoryRead = kernel32.GlobalMemoryStatusEx(memory);
        Performance.PERFORMANCE_INFORMATION performance = new Performance.PERFORMANCE_INFORMATION();
        boolean performanceRead = Performance.Holder.INSTANCE.GetPerformanceInfo(performance, performance.size());
        int processors = Processors.Holder.INSTANCE.GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
        return new SystemSample(
                now,
                previousCpu,
                cpu,
                memoryRead ? memory.ullTotalPhys.longValue() : null,
                memoryRead ? memory.ullAvailPhys.longValue() : null,
                performanceRead ? Performance.PERFORMANCE_INFORMATION.sizeT(performance.PageSize) : null,
                performanceRead ? performance.ProcessCount : null,
                pageFiles(),
                processors > 0 ? processors : null,
                kernel32.GetTickCount64());
    }

    /** The page files, each a SYSTEM_PAGEFILE_INFORMATION of the chain; an empty list without page files. */
    static List<SystemSample.PageFile> pageFiles() {
        NtProcess nt = NtProcess.Holder.INSTANCE;
        IntByReference needed = new IntByReference();
        Memory buffer = new Memory(4096);
        int status;
        while ((status = nt.NtQuerySystemInformation(SystemPageFileInformation, buffer, (int) buffer.size(), needed))
                == NtProcess.STATUS_INFO_LENGTH_MISMATCH) {
            buffer = new Memory(Math.max(buffer.size() * 2, needed.getValue()));
        }
        if (status != NtProcess.STATUS_SUCCESS) {
            return null;
        }
        List<SystemSample.PageFile> files = new ArrayList<>();
        if (needed.getValue() == 0) {
            return files; // no page file: the call succeeds and returns nothing
        }
        long offset = 0;
        while (true) {
            SYSTEM_PAGEFILE_INFORMATION entry = new SYSTEM_PAGEFILE_INFORMATION(buffer.share(offset));
            UNICODE_STRING name = entry.PageFileName;
            String text =
                    name.Buffer == null ? null : new String(name.Buffer.getCharArray(0, (name.Length & 0xFFFF) / 2));
            files.add(new SystemSample.PageFile(
                    text, Integer.toUnsignedLong(entry.TotalSize), Integer.toUnsignedLong(entry.TotalInUse)));
            int next = entry.NextEntryOffset;
            if (next == 0) {
                return files;
            }
            offset += next;
        }
    }

    private static long ticks(WinBase.FILETIME time) {
        return FileTimes.ticks(time.dwLowDateTime, time.dwHighDateTime);
    }

    /** DWORD GetActiveProcessorCount(WORD GroupNumber): Windows 7 and later. */
    interface Processors extends StdCallLibrary {
        int GetActiveProcessorCount(short group);

        final class Holder {
            static final Processors INSTANCE = Native.load("kernel32", Processors.class);

            private Holder() {}
        }
    }
}
