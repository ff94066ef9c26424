package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.process.win32.SystemReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code system_metric} sample per call. CPU use is a rate: processor time since the
 * previous call on this instance, or, on the first call, over a short wait between two
 * readings, as the Linux collector counts it.
 */
public final class WindowsSystemMetricCollector implements Collector {

    static final Duration FIRST_SAMPLE_GAP = Duration.ofMillis(250);

    private final DataType type;

    private final Clock clock;

    private CpuTimes previousCpu;

    public WindowsSystemMetricCollector(Schema schema) {
        this.type = schema.require("system_metric");
        this.clock = Clock.systemUTC();
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public synchronized List<ObjectNode> collect() {
        if (previousCpu == null) {
            previousCpu = SystemReader.cpuTimes();
            try {
                Thread.sleep(FIRST_SAMPLE_GAP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        CpuTimes now = SystemReader.cpuTimes();
        SystemSample sample = SystemReader.sample(clock.instant(), previousCpu, now);
        previousCpu = now;
        return List.of(SystemMetrics.document(sample));
    }
}
