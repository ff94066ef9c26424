package io.agent7.agent.collect.windows.software;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.software.win32.UninstallKeys;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Installed programs on Windows: the Uninstall keys, as Programs and Features lists them. */
public final class WindowsSoftwareCollector implements Collector {

    private final DataType type;

    public WindowsSoftwareCollector(Schema schema) {
        this.type = schema.require("software");
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return SoftwareMapping.documents(UninstallKeys.read());
    }
}
