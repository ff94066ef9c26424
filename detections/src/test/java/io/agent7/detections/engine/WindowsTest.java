package io.agent7.detections.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.rules.Rule;
import io.agent7.rules.RuleYaml;
import io.agent7.rules.Window;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The windowing argument of {@link Windows}, case by case. */
class WindowsTest {

    static final Rule RULE = RuleYaml.read("""
            id: every-minute
            name: Every minute
            severity: low
            interval: 1m
            overlap: 20s
            type: query
            query: {types: [process], text: ""}
            """, Rule.CUSTOM);
    static final Duration MAX_WINDOW = Duration.ofMinutes(10);
    static final Duration MAX_CATCH_UP = Duration.ofHours(2);
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    static Windows.Next next(Instant checkpoint) {
        return Windows.next(RULE, checkpoint, NOW, MAX_WINDOW, MAX_CATCH_UP);
    }

    @Test
    void aRuleOnScheduleSearchesFromItsCheckpointLessTheOverlapToNow() {
        Windows.Next next = next(NOW.minusSeconds(60));

        assertThat(next.window()).isEqualTo(new Window(NOW.minusSeconds(80), NOW));
        assertThat(next.catchUp()).isFalse();
        assertThat(next.gap()).isNull();
    }

    @Test
    void consecutiveWindowsOverlapSoNothingBetweenThemIsMissed() {
        Windows.Next first = next(NOW.minusSeconds(60));
        Windows.Next second = Windows.next(RULE, first.window().end(), NOW.plusSeconds(60), MAX_WINDOW, MAX_CATCH_UP);

        assertThat(second.window().start()).isBefore(first.window().end());
        assertThat(Duration.between(second.window().start(), first.window().end()))
                .isEqualTo(RULE.overlap());
    }

    @Test
    void aNewRuleLooksOneIntervalBack() {
        assertThat(next(null).window()).isEqualTo(new Window(NOW.minusSeconds(60), NOW));
        assertThat(Windows.due(RULE, null)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void afterDowntimeItCatchesUpInBoundedWindowsBackToBack() {
        Instant checkpoint = NOW.minus(Duration.ofMinutes(35));
        int runs = 0;
        Instant covered = checkpoint;
        Windows.Next next;
        do {
            next = Windows.next(RULE, covered, NOW, MAX_WINDOW, MAX_CATCH_UP);
            assertThat(Duration.between(next.window().start(), next.window().end()))
                    .isLessThanOrEqualTo(MAX_WINDOW.plus(RULE.overlap()));
            assertThat(next.window().start()).isEqualTo(covered.minus(RULE.overlap()));
            covered = next.window().end();
            runs++;
        } while (next.catchUp());

        assertThat(runs).isEqualTo(4); // 10 + 10 + 10 + 5 minutes
        assertThat(covered).isEqualTo(NOW);
    }

    @Test
    void whatIsTooOldToCatchUpIsReportedAsAGap() {
        Instant checkpoint = NOW.minus(Duration.ofHours(5));
        Windows.Next next = next(checkpoint);

        assertThat(next.gap()).isEqualTo(new Window(checkpoint, NOW.minus(MAX_CATCH_UP)));
        assertThat(next.window().start()).isEqualTo(NOW.minus(MAX_CATCH_UP).minus(RULE.overlap()));
        assertThat(next.catchUp()).isTrue();
    }

    @Test
    void aCheckpointFromAFastClockIsSearchedAgainNotSkipped() {
        Windows.Next next = next(NOW.plusSeconds(30));

        assertThat(next.window()).isEqualTo(new Window(NOW.minus(RULE.overlap()), NOW));
    }

    @Test
    void aRuleIsDueOneIntervalAfterItsCheckpoint() {
        assertThat(Windows.due(RULE, NOW)).isEqualTo(NOW.plusSeconds(60));
    }
}
