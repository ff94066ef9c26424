package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Doc;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code system_metric} sample of Windows. CPU use is the busy share of the processor
 * time between two GetSystemTimes readings, busy being kernel plus user time less idle time
 * (kernel time counts idle). Swap is the page files: their size and what is in use in them,
 * not the commit charge, which also counts memory never paged out. Windows has no load
 * average, and the sample has none.
 */
public final class SystemMetrics {

    private SystemMetrics() {}

    public static ObjectNode document(SystemSample s) {
        Doc doc = new Doc().date("system_metric.sampled_at", s.sampledAt());
        if (s.previousCpu() != null && s.cpu() != null) {
            long idle = s.cpu().idleTime() - s.previousCpu().idleTime();
            long total = s.cpu().kernelTime()
                    - s.previousCpu().kernelTime()
                    + s.cpu().userTime()
                    - s.previousCpu().userTime();
            if (total > 0 && idle >= 0 && idle <= total) {
                doc.decimal("system_metric.cpu.pct", (double) (total - idle) / total);
            }
        }
        if (s.logicalProcessors() != null && s.logicalProcessors() > 0) {
            doc.number("system_metric.cpu.cores", s.logicalProcessors().longValue());
        }
        if (s.totalPhys() != null && s.availPhys() != null && s.totalPhys() > 0) {
            long used = s.totalPhys() - s.availPhys();
            doc.number("system_metric.memory.total", s.totalPhys())
                    .number("system_metric.memory.used", used)
                    .decimal("system_metric.memory.pct", (double) used / s.totalPhys());
        }
        if (s.pageFiles() != null && s.pageSize() != null) {
            long total = 0;
            long used = 0;
            for (SystemSample.PageFile file : s.pageFiles()) {
                total += file.totalSize();
                used += file.totalInUse();
            }
            doc.number("system_metric.swap.total", total * s.pageSize())
                    .number("system_metric.swap.used", used * s.pageSize());
        }
        if (s.processCount() != null) {
            doc.number("system_metric.process_count", s.processCount().longValue());
        }
        if (s.tickCount64() != null) {
            doc.number("host.uptime", s.tickCount64() / 1000);
        }
        return doc.build();
    }
}
