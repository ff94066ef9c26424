package io.agent7.ingest.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agent7.protocol.Policy;
import io.agent7.schema.DataType;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicySpecTest {

    @Test
    void schedulesEveryTypeTheSchemaCollectsAndNoOther() {
        assertThat(PolicySpec.collectorTypes())
                .containsExactlyElementsOf(Schema.standard().collectedTypes().stream()
                        .map(DataType::name)
                        .sorted()
                        .toList());
        assertThat(PolicySpec.isCollector("host")).isFalse();
        assertThat(PolicySpec.isCollector("process")).isTrue();
    }

    @Test
    void aCollectedTypeWithoutDefaultOrADefaultWithoutTypeStopsTheStart() {
        Map<String, Policy.Schedule> defaults = new HashMap<>(PolicySpec.DEFAULT_COLLECTORS);
        defaults.remove("printer");
        defaults.put("fax", new Policy.Schedule(true, Duration.ofHours(1), null));

        assertThatThrownBy(() -> PolicySpec.collectors(Schema.standard(), defaults))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no default for [printer]")
                .hasMessageContaining("does not collect [fax]");
    }

    @Test
    void namesEveryWrongSettingAtOnce() {
        InvalidPolicyException e = catchThrowableOfType(
                InvalidPolicyException.class, () -> PolicySpec.parse("branch", 2, JsonTrees.read("""
                                {"checkin": {"min": "2m", "max": "30s"}, "colour": "blue",
                                 "collectors": {"fax": {}, "process": {"interval": "5 minutes", "enabled": "yes"}},
                                 "registry_keys": ["HKXX\\\\Run"]}""")));

        assertThat(e.getMessage()).isEqualTo("The policy for group 'branch' is not valid; nothing was changed");
        assertThat(e.problems())
                .extracting(InvalidPolicyException.Problem::field)
                .containsExactly(
                        "colour",
                        "checkin",
                        "collectors.fax",
                        "collectors.process.enabled",
                        "collectors.process.interval",
                        "registry_keys[0]");
        assertThat(e.problems().get(4).reason())
                .isEqualTo("must be a duration such as 30s, 5m, 1h or 1d; got '5 minutes'");
    }

    @Test
    void refusesAPolicyThatIsNoObject() {
        assertThatThrownBy(() -> PolicySpec.parse("g", 1, JsonTrees.read("[]")))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("A policy is a JSON object");
    }

    @Test
    void readsItsOwnSpecBackToTheSamePolicy() {
        Policy policy = PolicySpec.parse("branch", 4, JsonTrees.read("""
                        {"checkin": {"min": "30s", "max": "90s"}, "full_snapshot_interval": "12h",
                         "collectors": {"process": {"interval": "1m", "time_budget": "10s"}, "software": {"enabled": false}}}"""));

        assertThat(policy.schedule("process"))
                .isEqualTo(new Policy.Schedule(true, Duration.ofMinutes(1), Duration.ofSeconds(10)));
        assertThat(policy.schedule("disk")).isEqualTo(PolicySpec.DEFAULT_COLLECTORS.get("disk"));
        assertThat(PolicySpec.parse("branch", 4, PolicySpec.specOf(policy))).isEqualTo(policy);
    }
}
