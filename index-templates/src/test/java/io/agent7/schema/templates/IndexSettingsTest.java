package io.agent7.schema.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexSettingsTest {

    @Test
    void aRangeOfReplicasFollowsTheClustersSize() {
        IndexSettings defaults = IndexSettings.of(null, null);
        assertThat(defaults).isEqualTo(IndexSettings.DEFAULTS);
        assertThat(defaults.autoExpands()).isTrue();
        assertThat(defaults.replicaSettings()).isEqualTo(Map.of("index.auto_expand_replicas", "0-1"));
        assertThat(defaults.describe())
                .isEqualTo("1 primary shard per type index, replicas 0-1 (as many as the cluster's data nodes allow,"
                        + " within the range), refreshed every 5s");
    }

    @Test
    void aNumberOfReplicasTurnsAutoExpansionOff() {
        IndexSettings one = IndexSettings.of(3, " 1 ");
        assertThat(one.autoExpands()).isFalse();
        // Both: a range set on an index before would otherwise go on overriding the number.
        assertThat(one.replicaSettings())
                .containsExactly(
                        Map.entry("index.auto_expand_replicas", "false"), Map.entry("index.number_of_replicas", "1"));
        assertThat(one.describe()).isEqualTo("3 primary shards per type index, 1 replica, refreshed every 5s");
        assertThat(IndexSettings.of(null, "2").describe()).contains("2 replicas");
    }

    @Test
    void replicasThatAreNeitherANumberNorARangeAreRefusedByName() {
        assertThatThrownBy(() -> IndexSettings.of(null, "one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Replicas are a number (1) or a range that follows the cluster's size (0-1, 0-all), got 'one'");
        assertThatThrownBy(() -> IndexSettings.of(0, null)).hasMessage("Shards must be at least 1, got 0");
    }
}
