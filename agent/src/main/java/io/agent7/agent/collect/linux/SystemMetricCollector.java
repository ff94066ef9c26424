package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sample of the host's load per call. CPU use is a rate: the busy share of the jiffies
 * /proc/stat counted since the previous call on this instance, or, on the first call, over
 * a short wait between two readings.
 */
public final class SystemMetricCollector implements Collector {

    static final Duration FIRST_SAMPLE_GAP = Duration.ofMillis(250);

    private final Root root;
    private final Clock clock;
    private final Duration firstSampleGap;
    private long[] previousCpu;

    private final DataType type;

    public SystemMetricCollector(Schema schema, Path root) {
        this(schema, root, Clock.systemUTC(), FIRST_SAMPLE_GAP);
    }

    SystemMetricCollector(Schema schema, Path root, Clock clock, Duration firstSampleGap) {
        this.type = schema.require("system_metric");
        this.root = new Root(root);
        this.clock = clock;
        this.firstSampleGap = firstSampleGap;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public synchronized List<ObjectNode> collect() {
        Doc doc = new Doc().date("system_metric.sampled_at", clock.instant());
        cpu(doc);
        load(doc);
        memory(doc);
        uptime(doc);
        doc.number("system_metric.process_count", processCount());
        long cores = Root.lines(root.at("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("processor"))
                .count();
        if (cores > 0) {
            doc.number("system_metric.cpu.cores", cores);
        }
        return List.of(doc.build());
    }

    private void cpu(Doc doc) {
        long[] now = cpuJiffies();
        if (now == null) {
            return;
        }
        if (previousCpu == null) {
            previousCpu = now;
            try {
                Thread.sleep(firstSampleGap.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            now = cpuJiffies();
            if (now == null) {
                return;
            }
        }
        long busy = now[0] - previousCpu[0];
        long total = now[1] - previousCpu[1];
        previousCpu = now;
        if (total > 0 && busy >= 0) {
            doc.decimal("system_metric.cpu.pct", Math.min(1.0, (double) busy / total));
        }
    }

    /**
     * {busy, total} jiffies of the "cpu" line: user nice system idle iowait irq softirq steal.
     * Guest time is already inside user and nice; iowait counts as idle.
     */
    private long[] cpuJiffies() {
        String first = Root.firstLine(root.at("/proc/stat"));
        if (first == null || !first.startsWith("cpu ")) {
            return null;
        }
        String[] f = first.substring(4).trim().split("\\s+");
        if (f.length < 4) {
            return null;
        }
        long total = 0;
        long idle = 0;
        try {
            for (int i = 0; i < Math.min(8, f.length); i++) {
                long value = Long.parseLong(f[i]);
                total += value;
                if (i == 3 || i == 4) {
                    idle += value;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new long[] {total - idle, total};
    }

    private void load(Doc doc) {
        String line = Root.firstLine(root.at("/proc/loadavg"));
        if (line == null) {
            return;
        }
        String[] f = line.split("\\s+");
        String[] fields = {"system_metric.load.1", "system_metric.load.5", "system_metric.load.15"};
        for (int i = 0; i < fields.length && i < f.length; i++) {
            try {
                doc.decimal(fields[i], Double.parseDouble(f[i]));
            } catch (NumberFormatException e) {
                // leave that average out
            }
        }
    }

    private void memory(Doc doc) {
        Map<String, Long> kib = new HashMap<>();
        for (String line : Root.lines(root.at("/proc/meminfo"))) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] value = line.substring(colon + 1).trim().split("\\s+");
            Long parsed = Accounts.parseId(value[0]);
            if (parsed != null) {
                kib.put(line.substring(0, colon), parsed);
            }
        }
        Long total = kib.get("MemTotal");
        Long available = kib.get("MemAvailable");
        if (total != null && total > 0) {
            doc.number("system_metric.memory.total", total * 1024);
            if (available != null) {
                long used = Math.max(0, total - available);
                doc.number("system_metric.memory.used", used * 1024)
                        .decimal("system_metric.memory.pct", (double) used / total);
            }
        }
        Long swapTotal = kib.get("SwapTotal");
        Long swapFree = kib.get("SwapFree");
        if (swapTotal != null) {
            doc.number("system_metric.swap.total", swapTotal * 1024);
            if (swapFree != null) {
                doc.number("system_metric.swap.used", Math.max(0, swapTotal - swapFree) * 1024);
            }
        }
    }

    private void uptime(Doc doc) {
        String line = Root.firstLine(root.at("/proc/uptime"));
        if (line == null) {
            return;
        }
        int space = line.indexOf(' ');
        try {
            doc.number("host.uptime", (long) Double.parseDouble(space > 0 ? line.substring(0, space) : line));
        } catch (NumberFormatException e) {
            // no uptime in this sample
        }
    }

    private Long processCount() {
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.at("/proc"))) {
            for (Path entry : entries) {
                if (SocketOwners.pid(entry.getFileName().toString()) > 0) {
                    count++;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return count;
    }
}
