package io.agent7.detections.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionPropertiesTest {

    @Test
    void saysWhatItKeepsInTheUnitsItWasGiven() {
        assertThat(new RetentionProperties(
                                Duration.ofDays(30),
                                Duration.ofDays(90),
                                Duration.ofHours(1),
                                Duration.ofMinutes(1),
                                1000)
                        .describe())
                .isEqualTo("series samples kept 30d (daily indices deleted whole), removed items kept 90d"
                        + " (search and bulk delete), a pass every 1h");
        assertThat(new RetentionProperties(
                                Duration.ZERO, Duration.ofHours(36), Duration.ofSeconds(90), Duration.ZERO, 10)
                        .describe())
                .isEqualTo("series samples kept forever (daily indices deleted whole), removed items kept 36h"
                        + " (search and bulk delete), a pass every 90s");
    }

    @Test
    void refusesAgesAndIntervalsThatMeanNothing() {
        assertThatThrownBy(() -> new RetentionProperties(
                        Duration.ofDays(-1), Duration.ofDays(90), Duration.ofHours(1), Duration.ZERO, 1000))
                .hasMessageContaining("agent7.retention.metrics");
        assertThatThrownBy(() -> new RetentionProperties(
                        Duration.ofDays(30), Duration.ofDays(90), Duration.ZERO, Duration.ZERO, 1000))
                .hasMessageContaining("agent7.retention.interval");
        assertThatThrownBy(() -> new RetentionProperties(
                        Duration.ofDays(30), Duration.ofDays(90), Duration.ofHours(1), Duration.ZERO, 0))
                .hasMessageContaining("agent7.retention.batch");
    }
}
