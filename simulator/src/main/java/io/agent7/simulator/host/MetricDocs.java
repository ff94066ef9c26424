package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.process.CpuTimes;
import io.agent7.agent.collect.windows.process.SystemMetrics;
import io.agent7.agent.collect.windows.process.SystemSample;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code system_metric} samples: CPU, load, memory and swap follow smooth curves with a
 * working-day rhythm; the process count and uptime are the host's own. A Windows host's sample
 * is the agent's {@link SystemMetrics} mapping of the readings its reader would take.
 */
final class MetricDocs {

    /** Processor time between two GetSystemTimes readings; only the differences reach the document. */
    private static final long CPU_TICKS = 1_000_000_000L;

    /** The page size of x64 Windows, PERFORMANCE_INFORMATION.PageSize. */
    private static final long PAGE = 4096;

    private MetricDocs() {}

    static List<ObjectNode> build(HostState h) {
        HostProfile p = h.profile;
        long t = h.clock;
        if (p.windows) {
            return List.of(windows(h, p, t));
        }
        ObjectNode doc = Json.doc();
        ObjectNode metric = doc.putObject("system_metric");
        Json.date(metric, "sampled_at", t);
        double cpu = cpu(p, t);
        ObjectNode cpuNode = metric.putObject("cpu");
        cpuNode.put("pct", Json.round(cpu));
        cpuNode.put("cores", p.cores);
        ObjectNode load = metric.putObject("load");
        load.put("1", Json.round(p.cores * cpu * 1.1));
        load.put("5", Json.round(p.cores * average(p, t, 5) * 1.1));
        load.put("15", Json.round(p.cores * average(p, t, 15) * 1.1));
        double memoryShare = memoryShare(p, t);
        long used = (long) (p.memory * memoryShare);
        ObjectNode memory = metric.putObject("memory");
        memory.put("total", p.memory);
        memory.put("used", used);
        memory.put("pct", Json.round(memoryShare));
        long swapTotal = 2L << 30;
        double swapShare = swapShare(memoryShare);
        ObjectNode swap = metric.putObject("swap");
        swap.put("total", swapTotal);
        swap.put("used", (long) (swapTotal * swapShare));
        metric.put("process_count", h.processes.size());
        doc.putObject("host").put("uptime", Math.max(0, (t - h.boot) / SimTime.SECOND));
        return List.of(doc);
    }

    /**
     * The readings of GetSystemTimes, GlobalMemoryStatusEx, GetPerformanceInfo and the page
     * file (\\??\\C:\\pagefile.sys, as large as memory up to 16 GiB) that give the curves.
     */
    private static ObjectNode windows(HostState h, HostProfile p, long t) {
        long idle = Math.round(CPU_TICKS * (1 - cpu(p, t)));
        long busy = CPU_TICKS - idle;
        long kernelBusy = busy / 3;
        double memoryShare = memoryShare(p, t);
        long used = (long) (p.memory * memoryShare);
        long pageFilePages = Math.min(p.memory, 16L << 30) / PAGE;
        SystemSample sample = new SystemSample(
                Instant.ofEpochMilli(t),
                new CpuTimes(0, 0, 0),
                new CpuTimes(idle, idle + kernelBusy, busy - kernelBusy),
                p.memory,
                p.memory - used,
                PAGE,
                h.processes.size(),
                List.of(new SystemSample.PageFile(
                        "\\??\\C:\\pagefile.sys", pageFilePages, (long) (pageFilePages * swapShare(memoryShare)))),
                p.cores,
                Math.max(0, t - h.boot));
        return SystemMetrics.document(sample);
    }

    private static double memoryShare(HostProfile p, long t) {
        return Smooth.clamp(
                baseMemory(p)
                        + 0.15 * Smooth.workload(t, p.tz)
                        + 0.05 * Smooth.noise(Seeds.of(p.key, 0x3E3), t, 20 * SimTime.MINUTE),
                0.05,
                0.97);
    }

    private static double swapShare(double memoryShare) {
        return Smooth.clamp(memoryShare - 0.6, 0, 1) * 0.5 + 0.01;
    }

    private static double cpu(HostProfile p, long t) {
        double base = switch (p.role) {
            case WORKSTATION -> 0.04;
            case SQL_SERVER, DB -> 0.12;
            case DOCKER, APP, APP_SERVER -> 0.10;
            default -> 0.06;
        };
        double busy = p.role == Role.WORKSTATION ? 0.18 : 0.15;
        double value = base
                + busy * Smooth.workload(t, p.tz)
                + 0.05 * Smooth.noise(Seeds.of(p.key, 0xC90), t, 10 * SimTime.MINUTE)
                + 0.02 * Smooth.noise(Seeds.of(p.key, 0xC91), t, 2 * SimTime.MINUTE);
        return Smooth.clamp(value, 0.005, 0.99);
    }

    private static double average(HostProfile p, long t, int minutes) {
        double sum = 0;
        for (int i = 0; i < minutes; i++) {
            sum += cpu(p, t - i * SimTime.MINUTE);
        }
        return sum / minutes;
    }

    private static double baseMemory(HostProfile p) {
        return 0.3 + 0.3 * Seeds.unit(Seeds.of(p.key, 0x3E4));
    }
}
