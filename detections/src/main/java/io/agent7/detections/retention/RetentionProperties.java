package io.agent7.detections.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Agent7 keeps what ages out ({@code agent7.retention.*}). A zero age keeps that
 * kind forever.
 *
 * @param metrics      how long series samples ({@code system_metric}) are kept: a day's index
 *                     goes once all of its day is older than this
 * @param removed      how long an item found gone stays as history
 *                     ({@code agent7.present: false}, by {@code agent7.removed_at})
 * @param interval     how often a pass runs
 * @param initialDelay how long after the service starts the first pass runs
 * @param batch        removed items deleted per bulk request
 */
@ConfigurationProperties("agent7.retention")
public record RetentionProperties(
        @DefaultValue("30d") Duration metrics,
        @DefaultValue("90d") Duration removed,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1m") Duration initialDelay,
        @DefaultValue("1000") int batch) {

    public RetentionProperties {
        if (metrics.isNegative() || removed.isNegative()) {
            throw new IllegalArgumentException("agent7.retention.metrics and .removed must be 0 (keep) or more, got "
                    + metrics + " and " + removed);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("agent7.retention.interval must be positive, got " + interval);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("agent7.retention.initial-delay must be 0 or more, got " + initialDelay);
        }
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("agent7.retention.batch must be 1 to 10000, got " + batch);
        }
    }

    /** What the service says at start: the ages and how they are applied. */
    String describe() {
        return "series samples kept " + age(metrics) + " (daily indices deleted whole), removed items kept "
                + age(removed) + " (search and bulk delete), a pass every " + age(interval);
    }

    private static String age(Duration age) {
        if (age.isZero()) {
            return "forever";
        }
        long seconds = age.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
