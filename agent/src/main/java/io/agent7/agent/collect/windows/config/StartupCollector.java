package io.agent7.agent.collect.windows.config;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.config.win32.StartupReader;
import io.agent7.agent.collect.windows.process.ImageCache;
import io.agent7.agent.collect.windows.process.win32.Authenticode;
import io.agent7.agent.collect.windows.process.win32.VersionInfo;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** What starts with Windows or at logon: Run keys, Startup folders, Winlogon, Active Setup. */
public final class StartupCollector implements Collector {

    private final DataType type;
    /** Hashes and signatures of the programs named, kept while they stay unchanged. */
    private final ImageCache programs = new ImageCache(Authenticode::verify, VersionInfo::read);

    public StartupCollector(Schema schema) {
        this.type = schema.require("startup_item");
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        Map<String, String> environment = System.getenv();
        StartupMapping mapping = new StartupMapping(environment, ServiceCollector::isFile);
        return programs.describePrograms(new StartupReader(environment)
                .read().stream()
                        .flatMap(value -> mapping.documents(value).stream())
                        .toList());
    }
}
