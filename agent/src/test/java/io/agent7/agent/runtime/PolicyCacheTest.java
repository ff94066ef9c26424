package io.agent7.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.protocol.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCacheTest {

    static final Policy V3 = new Policy(
            "branch",
            3,
            new Policy.Checkin(Duration.ofSeconds(5), Duration.ofSeconds(10)),
            Duration.ofHours(12),
            Map.of("process", new Policy.Schedule(true, Duration.ofSeconds(30), Duration.ofSeconds(20))),
            List.of());

    @TempDir
    Path stateDir;

    @Test
    void aKeptPolicySurvivesARestart() {
        assertThat(PolicyCache.in(stateDir).update(V3)).isTrue();

        assertThat(PolicyCache.in(stateDir).current()).contains(V3);
    }

    @Test
    void readsThePolicyAsEarlierAgentsKeptIt() throws Exception {
        // What the server answered, written as it came: the agent before the protocol module kept that.
        Files.writeString(stateDir.resolve(PolicyCache.FILE), """
                {"group":"branch","version":3,"checkin":{"min":"5s","max":"10s"},"full_snapshot_interval":"12h",
                 "collectors":{"process":{"enabled":true,"interval":"30s","time_budget":"20s"}},"registry_keys":[]}""");

        assertThat(PolicyCache.in(stateDir).current()).contains(V3);
    }

    @Test
    void anUnreadableKeptPolicyMeansNoneUntilTheNextCheckin() throws Exception {
        Files.writeString(stateDir.resolve(PolicyCache.FILE), "{\"version\": \"three\"");

        assertThat(PolicyCache.in(stateDir).current()).isEmpty();
    }

    @Test
    void writesOnlyWhenThePolicyChanged() throws Exception {
        PolicyCache cache = PolicyCache.in(stateDir);
        cache.update(V3);
        Files.delete(stateDir.resolve(PolicyCache.FILE));

        assertThat(cache.update(V3)).isFalse();
        assertThat(stateDir.resolve(PolicyCache.FILE)).doesNotExist();
        Policy otherGroupSameVersion = new Policy("servers", 3, null, null, null, null);
        assertThat(cache.update(otherGroupSameVersion)).isTrue();
        assertThat(PolicyCache.in(stateDir).current()).contains(otherGroupSameVersion);
    }

    @Test
    void inMemoryKeepsNothingOnDisk() throws Exception {
        PolicyCache cache = PolicyCache.inMemory();
        cache.update(V3);

        assertThat(cache.current()).contains(V3);
        try (var files = Files.list(stateDir)) {
            assertThat(files).isEmpty();
        }
    }
}
