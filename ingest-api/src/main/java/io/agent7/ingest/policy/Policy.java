package io.agent7.ingest.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the agents of one host group do.
 *
 * @param checkinMin, checkinMax the agent checks in at a random point in this range each
 *        time, so that a fleet started together spreads out instead of arriving in waves
 * @param fullSnapshotInterval    how often a collector sends everything rather than changes,
 *                                to heal any drift between what the agent and the server believe
 * @param forced                  collections to run now, once (set per host by an admin)
 */
public record Policy(
        String group,
        long version,
        Duration checkinMin,
        Duration checkinMax,
        Map<String, Collector> collectors,
        List<String> registryKeys,
        Duration fullSnapshotInterval) {

    /** One collector's schedule; {@code timeBudget} is how long a run may take before the agent stops it. */
    public record Collector(boolean enabled, Duration interval, Duration timeBudget) {}

    public Policy {
        collectors = Map.copyOf(collectors);
        registryKeys = List.copyOf(registryKeys);
    }
}
