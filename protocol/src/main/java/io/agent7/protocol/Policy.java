package io.agent7.protocol;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the agents of one host group do, as the check-in answer carries it and an admin reads
 * it back. The ingest API validates a policy when an admin writes it; this is its shape.
 *
 * @param checkin              the agent checks in at a random point of this range each time, so
 *                             that a fleet started together spreads out instead of arriving in waves
 * @param fullSnapshotInterval how often a collector sends everything rather than changes, to
 *                             heal any drift between what the agent and the server believe
 * @param collectors           each collector's schedule, by data type name, in name order
 * @param registryKeys         the Windows registry keys the {@code registry_value} collector reads
 */
public record Policy(
        String group,
        long version,
        Checkin checkin,
        Duration fullSnapshotInterval,
        Map<String, Schedule> collectors,
        List<String> registryKeys)
        implements ProtocolMessage {

    public static final Checkin DEFAULT_CHECKIN = new Checkin(Duration.ofSeconds(20), Duration.ofSeconds(60));
    public static final Duration DEFAULT_FULL_SNAPSHOT_INTERVAL = Duration.ofDays(1);

    public Policy {
        checkin = Objects.requireNonNullElse(checkin, DEFAULT_CHECKIN);
        fullSnapshotInterval = Objects.requireNonNullElse(fullSnapshotInterval, DEFAULT_FULL_SNAPSHOT_INTERVAL);
        collectors = Collections.unmodifiableSortedMap(new TreeMap<>(collectors == null ? Map.of() : collectors));
        registryKeys = registryKeys == null ? List.of() : List.copyOf(registryKeys);
    }

    /** The schedule of a type, if the policy names it. */
    public Schedule schedule(String type) {
        return collectors.get(type);
    }

    /** Check-in between {@code min} and {@code max}, both included. */
    public record Checkin(Duration min, Duration max) {
        public Checkin {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
        }
    }

    /**
     * One collector's schedule.
     *
     * @param timeBudget how long a run may take before the agent stops it and reports it
     */
    public record Schedule(boolean enabled, Duration interval, Duration timeBudget) {

        public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
        public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(60);

        public Schedule {
            interval = Objects.requireNonNullElse(interval, DEFAULT_INTERVAL);
            timeBudget = Objects.requireNonNullElse(timeBudget, DEFAULT_TIME_BUDGET);
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("A collector's interval must be positive, got " + interval);
            }
        }
    }
}
