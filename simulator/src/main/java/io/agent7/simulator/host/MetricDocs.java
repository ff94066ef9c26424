package io.agent7.simulator.host;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code system_metric} samples: CPU, load, memory and swap follow smooth curves with a
 * working-day rhythm; the process count and uptime are the host's own.
 */
final class MetricDocs {

    private MetricDocs() {}

    static List<ObjectNode> build(HostState h) {
        HostProfile p = h.profile;
        long t = h.clock;
        ObjectNode doc = Json.doc();
        ObjectNode metric = doc.putObject("system_metric");
        Json.date(metric, "sampled_at", t);
        double cpu = cpu(p, t);
        ObjectNode cpuNode = metric.putObject("cpu");
        cpuNode.put("pct", Json.round(cpu));
        cpuNode.put("cores", p.cores);
        if (!p.windows) {
            ObjectNode load = metric.putObject("load");
            load.put("1", Json.round(p.cores * cpu * 1.1));
            load.put("5", Json.round(p.cores * average(p, t, 5) * 1.1));
            load.put("15", Json.round(p.cores * average(p, t, 15) * 1.1));
        }
        double memoryShare = Smooth.clamp(
                baseMemory(p)
                        + 0.15 * Smooth.workload(t, p.tz)
                        + 0.05 * Smooth.noise(Seeds.of(p.key, 0x3E3), t, 20 * SimTime.MINUTE),
                0.05,
                0.97);
        long used = (long) (p.memory * memoryShare);
        ObjectNode memory = metric.putObject("memory");
        memory.put("total", p.memory);
        memory.put("used", used);
        memory.put("pct", Json.round(memoryShare));
        long swapTotal = p.windows ? Math.min(p.memory, 16L << 30) : 2L << 30;
        double swapShare = Smooth.clamp(memoryShare - 0.6, 0, 1) * 0.5 + 0.01;
        ObjectNode swap = metric.putObject("swap");
        swap.put("total", swapTotal);
        swap.put("used", (long) (swapTotal * swapShare));
        metric.put("process_count", h.processes.size());
        doc.putObject("host").put("uptime", Math.max(0, (t - h.boot) / SimTime.SECOND));
        return List.of(doc);
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
