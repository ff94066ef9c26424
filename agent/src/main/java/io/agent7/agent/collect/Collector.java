package io.agent7.agent.collect;

import io.agent7.schema.DataType;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collects the current items of one data type on one host: a real host's collectors, and the
 * fleet simulator's virtual hosts, which the agent's own scheduling drives alike.
 */
public interface Collector {

    /** The schema type the documents belong to. */
    DataType type();

    /** Every item present now, as documents of {@link #type()} without host or state fields. */
    List<ObjectNode> collect();

    /**
     * Every item present now, handed to {@code sink} one by one. The agent collects this way,
     * so a collector of many large documents (a domain's users) overrides it to hand each
     * over as it is made and never holds them all; the others hand over their list.
     */
    default void collect(Consumer<ObjectNode> sink) {
        collect().forEach(sink);
    }
}
