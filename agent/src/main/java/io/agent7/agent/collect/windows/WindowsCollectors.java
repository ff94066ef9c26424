package io.agent7.agent.collect.windows;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.accounts.AccountCollectors;
import io.agent7.agent.collect.windows.config.RegistryCollector;
import io.agent7.agent.collect.windows.config.ServiceCollector;
import io.agent7.agent.collect.windows.config.StartupCollector;
import io.agent7.agent.collect.windows.config.TaskCollector;
import io.agent7.agent.collect.windows.process.WindowsProcessCollectors;
import io.agent7.agent.collect.windows.software.WindowsSoftwareCollector;
import io.agent7.agent.collect.windows.update.WindowsUpdateCollector;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The Windows collectors, one per host type Windows has. Each calls the Win32 API (through
 * JNA) for records and maps them to documents; constructing them loads no Windows library,
 * collecting does. docs/AGENT-WINDOWS.md says what each reads.
 */
public final class WindowsCollectors {

    private WindowsCollectors() {}

    public static List<Collector> all(Schema schema) {
        List<Collector> collectors = new ArrayList<>(WindowsProcessCollectors.all(schema));
        collectors.addAll(List.of(
                new ServiceCollector(schema),
                new TaskCollector(schema),
                new StartupCollector(schema),
                new RegistryCollector(schema),
                new WindowsSoftwareCollector(schema),
                new WindowsUpdateCollector(schema)));
        collectors.addAll(AccountCollectors.all(schema));
        return List.copyOf(collectors);
    }
}
