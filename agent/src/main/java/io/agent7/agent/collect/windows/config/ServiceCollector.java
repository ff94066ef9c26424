package io.agent7.agent.collect.windows.config;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.config.win32.ServiceReader;
import io.agent7.agent.collect.windows.process.ImageCache;
import io.agent7.agent.collect.windows.process.win32.Authenticode;
import io.agent7.agent.collect.windows.process.win32.VersionInfo;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Windows services and drivers, from the Service Control Manager. */
public final class ServiceCollector implements Collector {

    private final DataType type;
    /** Hashes and signatures of the programs named, kept while they stay unchanged. */
    private final ImageCache programs = new ImageCache(Authenticode::verify, VersionInfo::read);

    public ServiceCollector(Schema schema) {
        this.type = schema.require("service");
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        ServiceReader reader = new ServiceReader();
        ServiceMapping mapping = new ServiceMapping(reader.computerName(), System.getenv(), ServiceCollector::isFile);
        return programs.describePrograms(
                reader.read().stream().map(mapping::document).toList());
    }

    /** Whether a Windows path names a file; a path Java cannot parse names none. */
    static boolean isFile(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
