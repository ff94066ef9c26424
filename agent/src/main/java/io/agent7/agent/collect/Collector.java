package io.agent7.agent.collect;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Collects the current items of one data type on this host. */
public interface Collector {

    /** The schema type the documents belong to. */
    String type();

    /** Every item present now, as documents of {@link #type()} without host or state fields. */
    List<ObjectNode> collect();
}
