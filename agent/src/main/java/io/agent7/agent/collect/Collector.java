package io.agent7.agent.collect;

import io.agent7.schema.DataType;
import java.util.List;
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
}
