package io.agent7.agent.collect.windows.update;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.update.win32.ServicingStore;
import io.agent7.agent.collect.windows.update.win32.UpdateHistory;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Installed updates on Windows: the servicing store's hotfixes and the Windows Update history. */
public final class WindowsUpdateCollector implements Collector {

    private final DataType type;

    public WindowsUpdateCollector(Schema schema) {
        this.type = schema.require("update");
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return UpdateMapping.documents(ServicingStore.read(), UpdateHistory.read());
    }
}
