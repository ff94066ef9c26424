package io.agent7.agent;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.ProcessCollector;
import io.agent7.agent.collect.linux.LinuxCollectors;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;

/** The collectors this host's OS has, of the schema's types. */
final class Collectors {

    private Collectors() {}

    static List<Collector> forThisHost(SystemInfo system, Schema schema) {
        List<Collector> collectors = new ArrayList<>();
        collectors.add(new ProcessCollector(schema, system.getOperatingSystem()));
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            collectors.addAll(LinuxCollectors.all(schema, Path.of("/")));
        }
        return collectors;
    }
}
