package io.agent7.ingest.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.ingest.elasticsearch.WriteProgress.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteProgressTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final WriteProgress progress = new WriteProgress(Duration.ofSeconds(30), Duration.ofSeconds(120), now::get);

    void advance(int seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void aQuietInstanceIsIdleHoweverLongNothingHappens() {
        advance(3_600);
        assertThat(progress.state().status()).isEqualTo(Status.IDLE);
    }

    @Test
    void busyWithoutAnAnswerForTheStallTimeoutIsStalled() {
        advance(3_600); // idle time does not count
        progress.accepted(7);
        advance(29);
        assertThat(progress.state().status()).isEqualTo(Status.WRITING);
        advance(1);
        WriteProgress.State state = progress.state();
        assertThat(state.status()).isEqualTo(Status.STALLED);
        assertThat(state.pending()).isEqualTo(7);
        assertThat(state.sinceAnswer()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void failedBulksDoNotCountAsProgressButKeepItFromWedging() {
        progress.accepted(3);
        for (int i = 0; i < 20; i++) {
            advance(10);
            progress.failed();
        }
        assertThat(progress.state().status()).isEqualTo(Status.STALLED);
        assertThat(progress.state().sinceOutcome()).isZero();
    }

    @Test
    void busyWithNoOutcomeAtAllForTheWedgeTimeoutIsWedged() {
        progress.accepted(1);
        advance(119);
        assertThat(progress.state().status()).isEqualTo(Status.STALLED);
        advance(1);
        assertThat(progress.state().status()).isEqualTo(Status.WEDGED);
    }

    @Test
    void anAnswerEndsAStallAndTheLastOperationEndsTheWork() {
        progress.accepted(2);
        advance(200);
        assertThat(progress.state().status()).isEqualTo(Status.WEDGED);
        progress.answered();
        assertThat(progress.state().status()).isEqualTo(Status.WRITING);
        progress.completed();
        progress.completed();
        assertThat(progress.state().status()).isEqualTo(Status.IDLE);
        assertThat(progress.pending()).isZero();
    }

    @Test
    void theClockStartsAgainWhenIdleWorkArrives() {
        progress.accepted(1);
        progress.answered();
        progress.completed();
        advance(500);
        progress.accepted(5);
        advance(29);
        assertThat(progress.state().status()).isEqualTo(Status.WRITING);
        progress.accepted(5); // more while busy does not restart it
        advance(1);
        assertThat(progress.state().status()).isEqualTo(Status.STALLED);
    }

    @Test
    void theWedgeTimeoutMustOutlastTheStallTimeout() {
        assertThatThrownBy(() -> new WriteProgress(Duration.ofSeconds(60), Duration.ofSeconds(60), now::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "agent7.ingest.wedge-timeout (PT1M) must be longer than agent7.ingest.stall-timeout");
        assertThatThrownBy(() -> new WriteProgress(Duration.ZERO, Duration.ofSeconds(60), now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
