package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Collector;
import io.agent7.schema.Schema;
import java.util.List;

/**
 * The Windows collectors of processes and what the kernel tells about the host's load and
 * resources: process, network_connection, pipe, system_metric and disk. On Windows they
 * replace the OSHI-based {@link io.agent7.agent.collect.ProcessCollector}. Constructing them
 * loads no Windows library; collecting does.
 */
public final class WindowsProcessCollectors {

    private WindowsProcessCollectors() {}

    public static List<Collector> all(Schema schema) {
        return List.of(
                new WindowsProcessCollector(schema),
                new WindowsNetworkConnectionCollector(schema),
                new WindowsPipeCollector(schema),
                new WindowsSystemMetricCollector(schema),
                new WindowsDiskCollector(schema));
    }
}
