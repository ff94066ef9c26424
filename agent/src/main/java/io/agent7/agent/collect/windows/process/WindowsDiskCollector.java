package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.process.win32.DriveReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code disk} on Windows: every drive letter with its volume and space. */
public final class WindowsDiskCollector implements Collector {

    private final DataType type;

    public WindowsDiskCollector(Schema schema) {
        this.type = schema.require("disk");
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return Disks.documents(DriveReader.read());
    }
}
