package io.agent7.detections.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the detection engine runs ({@code agent7.detections.*}).
 *
 * @param instance      this instance's name in leases and run records; unique per process
 * @param tick          how often the engine looks for due rules
 * @param lease         how long a rule stays with the instance running it without a renewal:
 *                      a dead instance's rules move to another within this
 * @param workers       rules run at once on this instance
 * @param maxWindow     the longest window one run searches while catching up
 * @param maxCatchUp    how far back a rule that fell behind catches up; older is a reported gap
 * @param flagAfter     failed runs in a row after which a rule is flagged and no longer run on
 *                      schedule (a new version, or a run asked for, tries it again)
 * @param maxBackoff    the longest wait before a failed rule is tried again
 * @param rulesRefresh  how often the rules stored through the API are read again
 * @param builtin       whether the built-in pack runs
 */
@ConfigurationProperties("agent7.detections")
public record DetectionsProperties(
        @DefaultValue("") String instance,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("8") int workers,
        @DefaultValue("1h") Duration maxWindow,
        @DefaultValue("7d") Duration maxCatchUp,
        @DefaultValue("5") int flagAfter,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("10s") Duration rulesRefresh,
        @DefaultValue("true") boolean builtin) {

    public DetectionsProperties {
        if (instance == null || instance.isBlank()) {
            instance = hostName() + "-" + ProcessHandle.current().pid() + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
        }
        if (tick.isNegative() || tick.isZero() || lease.compareTo(tick.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException(
                    "agent7.detections.lease (" + lease + ") must be at least three ticks (" + tick + ")");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("agent7.detections.workers must be at least 1, got " + workers);
        }
        if (flagAfter < 1) {
            throw new IllegalArgumentException("agent7.detections.flag-after must be at least 1, got " + flagAfter);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "detections";
        }
    }
}
