package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
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

    /** One instance of each Linux collector, reading below {@code root}. */
    public static List<Collector> all(Path root) {
        return List.of(
                new NetworkConnectionCollector(root),
                new ServiceCollector(root),
                new ScheduledTaskCollector(root),
                new StartupItemCollector(root),
                new SoftwareCollector(root),
                new UpdateCollector(root),
                new LoggedOnUserCollector(root),
                new LocalUserCollector(root),
                new LocalGroupCollector(root),
                new SystemMetricCollector(root),
                new DiskCollector(root),
                new ShareCollector(root),
                new PrinterCollector(root),
                new PipeCollector(root),
                new NetSessionCollector(root));
    }
}
