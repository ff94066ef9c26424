package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.process.win32.PipeReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code pipe} on Windows: the named pipes listed under {@code \\.\pipe\}. */
public final class WindowsPipeCollector implements Collector {

    private final DataType type;

    public WindowsPipeCollector(Schema schema) {
        this.type = schema.require("pipe");
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return Pipes.documents(PipeReader.read());
    }
}
