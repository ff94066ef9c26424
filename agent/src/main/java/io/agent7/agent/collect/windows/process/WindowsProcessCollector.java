package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.process.win32.Authenticode;
import io.agent7.agent.collect.windows.process.win32.ProcessReader;
import io.agent7.agent.collect.windows.process.win32.VersionInfo;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code process} on Windows: the Toolhelp32 snapshot, each process opened for its image,
 * command line, token and creation time, and each image hashed and verified once while it
 * stays unchanged (see {@link ImageCache}). Call {@link #collect()} from one thread at a time.
 */
public final class WindowsProcessCollector implements Collector {

    private final DataType type;

    private final ImageCache images = new ImageCache(Authenticode::verify, VersionInfo::read);

    public WindowsProcessCollector(Schema schema) {
        this.type = schema.require("process");
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        List<ProcessRecord> processes = new ProcessReader(true).readAll();
        List<ObjectNode> documents = ProcessDocuments.documents(
                processes,
                images::facts,
                FileTimes.instant(ProcessReader.bootTime()).orElse(null));
        images.endCollection();
        return documents;
    }
}
