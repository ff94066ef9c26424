package io.agent7.agent.collect.windows;

import io.agent7.agent.collect.Collector;
import io.agent7.schema.DataType;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * A collector that is nothing but a Win32 reader's records mapped to documents, read anew on
 * every collection: the shape most Windows collectors have. The reader is made inside
 * {@code collection}, so building the collector loads no Windows library.
 */
public final class ReadAndMap implements Collector {

    private final DataType type;
    private final Supplier<List<ObjectNode>> collection;

    public ReadAndMap(DataType type, Supplier<List<ObjectNode>> collection) {
        this.type = type;
        this.collection = collection;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return collection.get();
    }
}
