package io.agent7.agent.collect.windows.config;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.config.win32.TaskReader;
import io.agent7.agent.collect.windows.process.ImageCache;
import io.agent7.agent.collect.windows.process.win32.Authenticode;
import io.agent7.agent.collect.windows.process.win32.VersionInfo;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.ZoneId;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Windows scheduled tasks, from Task Scheduler 2.0. */
public final class TaskCollector implements Collector {

    private final DataType type;
    /** Hashes and signatures of the programs named, kept while they stay unchanged. */
    private final ImageCache programs = new ImageCache(Authenticode::verify, VersionInfo::read);

    public TaskCollector(Schema schema) {
        this.type = schema.require("scheduled_task");
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        // Task Scheduler writes its dates in the host's local time, which is the JVM's zone here.
        TaskMapping mapping = new TaskMapping(System.getenv(), ServiceCollector::isFile, ZoneId.systemDefault());
        return programs.describePrograms(
                new TaskReader().read().stream().map(mapping::document).toList());
    }
}
