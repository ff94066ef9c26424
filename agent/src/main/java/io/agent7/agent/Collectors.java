package io.agent7.agent;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.ProcessCollector;
import io.agent7.agent.collect.directory.Directory;
import io.agent7.agent.collect.directory.DirectoryCollectors;
import io.agent7.agent.collect.directory.DirectoryConfig;
import io.agent7.agent.collect.linux.LinuxCollectors;
import io.agent7.agent.collect.windows.WindowsCollectors;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;

/**
 * The collectors this host's OS has, of the schema's types, and the directory collectors every
 * host has (the policy turns those on for one or two hosts per domain; {@code directory.properties}
 * in the state folder says how to reach the domain).
 */
final class Collectors {

    private Collectors() {}

    static List<Collector> forThisHost(SystemInfo system, Schema schema, Path stateDir) {
        List<Collector> collectors = new ArrayList<>();
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            collectors.addAll(WindowsCollectors.all(schema));
        } else {
            collectors.add(new ProcessCollector(schema, system.getOperatingSystem()));
        }
        if (os.startsWith("linux")) {
            collectors.addAll(LinuxCollectors.all(schema, Path.of("/")));
        }
        Directory directory = new Directory(() -> DirectoryConfig.load(stateDir), Clock.systemUTC());
        collectors.addAll(DirectoryCollectors.all(schema, directory, () -> DirectoryConfig.load(stateDir)));
        return collectors;
    }
}
