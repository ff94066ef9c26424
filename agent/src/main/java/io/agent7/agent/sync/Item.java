package io.agent7.agent.sync;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the agent remembers of an item it sent: its id, a fingerprint of its whole content
 * (to notice a change that keeps the id), and its identity fields (to say which item is gone).
 */
public record Item(String id, long fingerprint, ObjectNode identity) {
}
