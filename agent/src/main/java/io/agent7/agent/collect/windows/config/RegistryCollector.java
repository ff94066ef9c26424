package io.agent7.agent.collect.windows.config;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.config.win32.RegistryReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The values of the watched registry keys, in both views and every loaded user hive. */
public final class RegistryCollector implements Collector {

    private final DataType type;
    private final List<WatchedKey> keys;

    public RegistryCollector(Schema schema) {
        this(schema, WatchedKey.DEFAULTS);
    }

    public RegistryCollector(Schema schema, List<WatchedKey> keys) {
        this.type = schema.require("registry_value");
        this.keys = List.copyOf(keys);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        RegistryMapping mapping = new RegistryMapping();
        return new RegistryReader().read(keys).stream().map(mapping::document).toList();
    }
}
