package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.List;

/**
 * The Linux collectors, one per data type the host has. They read procfs, sysfs and
 * configuration files below a root directory ("/" on a host; a fixture tree in tests) and
 * run a command only where no file holds the answer: {@code systemctl show} for unit states
 * on the live root, and {@code rpm -qa} where an rpm database exists.
 *
 * <p>There is no collector for {@code registry_value}: the Windows registry has no Linux
 * counterpart. Configuration that Windows keeps there is read from its own files here
 * (units, crontabs, /etc/passwd, smb.conf, ...) by the collectors of those types.
 *
 * <p>Each collector is cheap to construct and keeps only what it documents between calls:
 * program hashes (services, scheduled tasks, startup items) and the previous CPU reading
 * (system metrics). Call {@link Collector#collect()} from one thread at a time.
 */
public final class LinuxCollectors {

    private LinuxCollectors() {}

    /** One instance of each Linux collector, reading below {@code root}, of the schema's types. */
    public static List<Collector> all(Schema schema, Path root) {
        return List.of(
                new NetworkConnectionCollector(schema, root),
                new ServiceCollector(schema, root),
                new ScheduledTaskCollector(schema, root),
                new StartupItemCollector(schema, root),
                new SoftwareCollector(schema, root),
                new UpdateCollector(schema, root),
                new LoggedOnUserCollector(schema, root),
                new LocalUserCollector(schema, root),
                new LocalGroupCollector(schema, root),
                new SystemMetricCollector(schema, root),
                new DiskCollector(schema, root),
                new ShareCollector(schema, root),
                new PrinterCollector(schema, root),
                new PipeCollector(schema, root),
                new NetSessionCollector(schema, root));
    }
}
