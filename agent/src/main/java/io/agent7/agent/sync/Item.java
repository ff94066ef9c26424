package io.agent7.agent.sync;

/**
 * What the agent remembers of an item it sent: its id, a fingerprint of its whole content
 * (to notice a change that keeps the id), and its identity fields as compact JSON text (to
 * say which item is gone). Text rather than a JSON tree: a few hundred bytes an item, which
 * matters for the fleet simulator's thousands of hosts.
 */
public record Item(String id, long fingerprint, String identity) {}
