package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.ingest.security.AgentPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch's time against the server's clock: five minutes' tolerance ahead, seven days' age. */
class CollectionTimesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final AgentPrincipal AGENT =
            new AgentPrincipal("agent-1", "0123456789abcdef0123456789abcdef", "WS-1");

    private final List<Duration> reported = new ArrayList<>();
    private final CollectionTimes times = new CollectionTimes(
            Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofMinutes(5),
            Duration.ofDays(7),
            (agent, ahead) -> reported.add(ahead));

    @Test
    void aTimeFarAheadIsTheServersAndTheSkewIsReported() {
        Instant year9999 = Instant.parse("9999-01-01T00:00:00Z");

        assertThat(times.bounded(AGENT, year9999)).isEqualTo(NOW);
        assertThat(reported).containsExactly(Duration.between(NOW, year9999));
    }

    @Test
    void justPastTheToleranceIsClamped() {
        assertThat(times.bounded(AGENT, NOW.plus(Duration.ofMinutes(5)).plusMillis(1)))
                .isEqualTo(NOW);
        assertThat(reported).containsExactly(Duration.ofMinutes(5).plusMillis(1));
    }

    @Test
    void withinTheToleranceTheAgentsTimeStandsAndItsClockIsOnTime() {
        Instant ahead = NOW.plus(Duration.ofMinutes(5));
        Instant past = NOW.minus(Duration.ofHours(3));

        assertThat(times.bounded(AGENT, ahead)).isEqualTo(ahead);
        assertThat(times.bounded(AGENT, past)).isEqualTo(past);
        assertThat(reported).containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void aBatchAsOldAsTheMaximumAgeIsTakenAndOneOlderIsRefusedSayingWhy() {
        Instant oldest = NOW.minus(Duration.ofDays(7));
        assertThat(times.bounded(AGENT, oldest)).isEqualTo(oldest);

        assertThatThrownBy(() -> times.bounded(AGENT, oldest.minusMillis(1)))
                .isInstanceOf(BatchTooOldException.class)
                .hasMessage("The batch was collected at 2026-11-26T11:59:59.999Z, more than 7d before the server's"
                        + " time 2026-12-03T12:00:00.000Z (agent7.ingest.max-batch-age); nothing of it was written."
                        + " Send a fresh snapshot of the type instead");
        assertThat(reported).as("a refused batch says nothing of the clock").containsExactly(Duration.ZERO);
    }
}
