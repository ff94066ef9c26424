package io.agent7.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.protocol.Policy;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CollectionSchedulerTest {

    static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    static final DataType PROCESS = Schema.standard().require("process");
    static final DataType SYSTEM_METRIC = Schema.standard().require("system_metric");
    static final DataType SOFTWARE = Schema.standard().require("software");
    static final List<DataType> HOST = List.of(PROCESS, SYSTEM_METRIC, SOFTWARE);

    /** process every 5 min, metrics every 7 s (shorter than the first-run spread), software off. */
    static final Policy POLICY = new Policy(
            "g",
            1,
            null,
            Duration.ofDays(1),
            Map.of(
                    "process", new Policy.Schedule(true, Duration.ofMinutes(5), null),
                    "system_metric", new Policy.Schedule(true, Duration.ofSeconds(7), null),
                    "software", new Policy.Schedule(false, Duration.ofDays(1), null),
                    "printer", new Policy.Schedule(true, Duration.ofHours(6), null)),
            List.of());

    final MutableClock clock = new MutableClock(T0);

    CollectionScheduler scheduler(RandomGenerator random) {
        return new CollectionScheduler(clock, random);
    }

    @Test
    void aFirstRunComesWithinTenSecondsOrItsIntervalIfThatIsShorter() {
        CollectionScheduler scheduler = scheduler(Randoms.highest());

        assertThat(scheduler.takeDue(POLICY, HOST)).isEmpty();
        clock.advance(Duration.ofSeconds(7));
        assertThat(scheduler.takeDue(POLICY, HOST)).containsExactly(SYSTEM_METRIC);
        clock.advance(Duration.ofMillis(2_999));
        assertThat(scheduler.takeDue(POLICY, HOST)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(scheduler.takeDue(POLICY, HOST)).containsExactly(PROCESS);
    }

    @Test
    void withoutSpreadEveryEnabledTypeRunsFirstThingAndTheRoundIsComplete() {
        CollectionScheduler scheduler = scheduler(Randoms.highest());
        scheduler.firstRunsAtOnce();

        assertThat(scheduler.everyEnabledTypeRan(POLICY, HOST)).isFalse();
        assertThat(scheduler.takeDue(POLICY, HOST)).containsExactly(PROCESS, SYSTEM_METRIC);
        assertThat(scheduler.everyEnabledTypeRan(POLICY, HOST)).isTrue();
    }

    @Test
    void laterRunsComeOneIntervalLaterGiveOrTakeTenPercent() {
        CollectionScheduler early = scheduler(Randoms.lowest());
        early.firstRunsAtOnce();
        early.takeDue(POLICY, List.of(PROCESS));
        CollectionScheduler late = scheduler(Randoms.highest());
        late.firstRunsAtOnce();
        late.takeDue(POLICY, List.of(PROCESS));

        assertThat(early.nextDue()).contains(T0.plus(Duration.ofSeconds(270)));
        assertThat(late.nextDue()).contains(T0.plus(Duration.ofSeconds(330)));
        clock.advance(Duration.ofSeconds(270));
        assertThat(early.takeDue(POLICY, List.of(PROCESS))).containsExactly(PROCESS);
        assertThat(late.takeDue(POLICY, List.of(PROCESS))).isEmpty();
    }

    @Test
    void aForcedTypeRunsAtOnceEvenWhenDisabledAndIsReportedDoneOnce() {
        CollectionScheduler scheduler = scheduler(Randoms.highest());

        scheduler.force(List.of("software"));
        assertThat(scheduler.takeDue(POLICY, HOST)).containsExactly(SOFTWARE);
        assertThat(scheduler.forcedDone()).containsExactly("software");

        // The answer to the check-in before the server saw forced_done still lists it.
        scheduler.force(List.of("software"));
        assertThat(scheduler.takeDue(POLICY, HOST)).isEmpty();

        scheduler.forcedDoneReported(List.of("software"));
        assertThat(scheduler.forcedDone()).isEmpty();
        scheduler.force(List.of("software"));
        assertThat(scheduler.takeDue(POLICY, HOST)).containsExactly(SOFTWARE);
    }

    @Test
    void typesTheHostLacksOrThePolicyLeavesOutNeverRun() {
        CollectionScheduler scheduler = scheduler(Randoms.lowest());
        Policy onlyProcess = new Policy(
                "g", 1, null, null, Map.of("process", new Policy.Schedule(true, Duration.ofMinutes(5), null)), null);

        assertThat(scheduler.takeDue(onlyProcess, List.of(PROCESS, SYSTEM_METRIC)))
                .containsExactly(PROCESS);
        assertThat(scheduler.takeDue(POLICY, List.of(SOFTWARE))).isEmpty();
    }

    @Test
    void aFullSnapshotIsDueWhenNoneWasSentOrTheIntervalIsOver() {
        CollectionScheduler scheduler = scheduler(Randoms.lowest());

        assertThat(scheduler.fullSnapshotDue(PROCESS, POLICY)).isTrue();
        scheduler.snapshotSent(PROCESS, T0);
        assertThat(scheduler.fullSnapshotDue(PROCESS, POLICY)).isFalse();
        assertThat(scheduler.lastSnapshot(PROCESS)).isEqualTo(T0);
        clock.advance(Duration.ofDays(1).minusMillis(1));
        assertThat(scheduler.fullSnapshotDue(PROCESS, POLICY)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(scheduler.fullSnapshotDue(PROCESS, POLICY)).isTrue();
        assertThat(scheduler.fullSnapshotDue(SOFTWARE, POLICY)).isTrue();
    }

    @Test
    void theNextDueIsTheEarliestOfAllTypes() {
        CollectionScheduler scheduler = scheduler(Randoms.lowest());
        assertThat(scheduler.nextDue()).isEmpty();

        scheduler.takeDue(POLICY, HOST);

        assertThat(scheduler.takeDue(POLICY, HOST)).isEmpty();
        assertThat(scheduler.nextDue()).contains(T0.plus(Duration.ofMillis(6_300)));
    }
}
