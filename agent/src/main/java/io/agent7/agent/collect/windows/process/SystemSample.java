package io.agent7.agent.collect.windows.process;

import java.time.Instant;
import java.util.List;

/**
 * One reading of the host's load, each part as its API returns it; a part that could not be
 * read is null.
 *
 * @param previousCpu       GetSystemTimes at the previous sample (or a short wait before)
 * @param cpu               GetSystemTimes now
 * @param totalPhys         MEMORYSTATUSEX.ullTotalPhys, bytes
 * @param availPhys         MEMORYSTATUSEX.ullAvailPhys, bytes
 * @param pageSize          PERFORMANCE_INFORMATION.PageSize, bytes
 * @param processCount      PERFORMANCE_INFORMATION.ProcessCount
 * @param pageFiles         SYSTEM_PAGEFILE_INFORMATION entries, sizes in pages
 * @param logicalProcessors GetActiveProcessorCount(ALL_PROCESSOR_GROUPS)
 * @param tickCount64       GetTickCount64: milliseconds since boot
 */
public record SystemSample(
        Instant sampledAt,
        CpuTimes previousCpu,
        CpuTimes cpu,
        Long totalPhys,
        Long availPhys,
        Long pageSize,
        Integer processCount,
        List<PageFile> pageFiles,
        Integer logicalProcessors,
        Long tickCount64) {

    /** One page file: SYSTEM_PAGEFILE_INFORMATION's TotalSize and TotalInUse, in pages, and its name. */
    public record PageFile(String name, long totalSize, long totalInUse) {}
}
