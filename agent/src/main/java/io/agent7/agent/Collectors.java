package io.agent7.agent;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.ProcessCollector;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;

/** The collectors this host's OS has. */
final class Collectors {

    private Collectors() {
    }

    static List<Collector> forThisHost(SystemInfo system) {
        List<Collector> collectors = new ArrayList<>();
        collectors.add(new ProcessCollector(system.getOperatingSystem()));
        return collectors;
    }
}
