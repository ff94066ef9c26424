package io.agent7.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.transport.ServerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static final ServerException UNREACHABLE =
            new ServerException(0, "Server unreachable", Duration.ofSeconds(15), false, null);
    static final ServerException BUSY = new ServerException(503, "busy", Duration.ofSeconds(30), true, null);

    @Test
    void doublesFromASecondUpToFiveMinutes() {
        Backoff backoff = new Backoff(Randoms.lowest());

        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            waits.add(backoff.after(UNREACHABLE).toSeconds());
        }

        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L);
    }

    @Test
    void addsUpToHalfAgainSoAFleetDoesNotReturnTogether() {
        Backoff backoff = new Backoff(Randoms.highest());

        assertThat(backoff.after(UNREACHABLE)).isEqualTo(Duration.ofMillis(1500));
        assertThat(backoff.after(UNREACHABLE)).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void waitsWhatTheServerAskedWithJitterAndWithoutGrowingTheStep() {
        Backoff backoff = new Backoff(Randoms.highest());

        assertThat(backoff.after(BUSY)).isEqualTo(Duration.ofSeconds(45));
        assertThat(backoff.after(BUSY)).isEqualTo(Duration.ofSeconds(45));
        assertThat(backoff.after(UNREACHABLE)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void startsOverAfterASuccess() {
        Backoff backoff = new Backoff(Randoms.lowest());
        backoff.after(UNREACHABLE);
        backoff.after(UNREACHABLE);
        backoff.after(UNREACHABLE);

        backoff.succeeded();

        assertThat(backoff.after(UNREACHABLE)).isEqualTo(Duration.ofSeconds(1));
    }
}
