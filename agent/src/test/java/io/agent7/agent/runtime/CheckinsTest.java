package io.agent7.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.agent.transport.ServerException;
import io.agent7.protocol.CheckinAnswer;
import io.agent7.protocol.CheckinReport;
import io.agent7.protocol.Policy;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CheckinsTest {

    static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    static final DataType PROCESS = Schema.standard().require("process");
    static final CheckinReport.Spool SPOOL = new CheckinReport.Spool(0, 0);
    static final Policy POLICY = new Policy(
            "g",
            5,
            new Policy.Checkin(Duration.ofSeconds(20), Duration.ofSeconds(60)),
            null,
            Map.of("process", new Policy.Schedule(false, Duration.ofMinutes(5), null)),
            null);

    /** Answers from a script, and remembers what it was sent. */
    static final class FakeServer implements Checkins.Server {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<CheckinReport> reports = new ArrayList<>();

        @Override
        public CheckinAnswer checkin(CheckinReport report) throws ServerException {
            reports.add(report);
            Object next = answers.remove();
            if (next instanceof ServerException e) {
                throw e;
            }
            return (CheckinAnswer) next;
        }
    }

    final MutableClock clock = new MutableClock(T0);
    final FakeServer server = new FakeServer();
    final CollectionScheduler scheduler = new CollectionScheduler(clock, Randoms.lowest());
    final CheckinReporter reporter = new CheckinReporter("1.0", () -> CheckinReport.Host.named("h"));
    final PolicyCache policies = PolicyCache.inMemory();

    Checkins checkins(RandomGenerator random) {
        return new Checkins(server, clock, random, reporter, scheduler, policies);
    }

    static CheckinAnswer answer(String... forced) {
        return new CheckinAnswer(POLICY, List.of(forced), T0);
    }

    @Test
    void theNextCheckinComesAtARandomPointOfThePolicysRange() throws Exception {
        Checkins early = checkins(Randoms.lowest());
        Checkins late = checkins(Randoms.highest());
        server.answers.add(answer());
        server.answers.add(answer());

        assertThat(early.due()).isTrue();
        early.checkIn(SPOOL);
        late.checkIn(SPOOL);

        assertThat(early.next()).isEqualTo(T0.plusSeconds(20));
        assertThat(late.next()).isEqualTo(T0.plusSeconds(60));
        assertThat(early.due()).isFalse();
        clock.advance(Duration.ofSeconds(20));
        assertThat(early.due()).isTrue();
    }

    @Test
    void learnsThePolicyAndSaysWhenItChanged() throws Exception {
        Checkins checkins = checkins(Randoms.lowest());
        server.answers.add(answer());
        server.answers.add(answer());

        assertThat(checkins.checkIn(SPOOL).policyChanged()).isTrue();
        assertThat(checkins.checkIn(SPOOL).policyChanged()).isFalse();

        assertThat(policies.current()).contains(POLICY);
        assertThat(server.reports.get(0).policyVersion()).isNull();
        assertThat(server.reports.get(1).policyVersion()).isEqualTo(5L);
    }

    @Test
    void aFailureBacksOffAndIsThrownForTheCallerToLog() {
        Checkins checkins = checkins(Randoms.lowest());
        ServerException unreachable = new ServerException(0, "unreachable", Duration.ofSeconds(15), false, null);
        server.answers.add(unreachable);
        server.answers.add(unreachable);

        assertThatThrownBy(() -> checkins.checkIn(SPOOL)).isSameAs(unreachable);
        assertThat(checkins.next()).isEqualTo(T0.plusSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> checkins.checkIn(SPOOL)).isSameAs(unreachable);
        assertThat(checkins.next()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aForcedCollectionIsRunThenReportedDoneOnce() throws Exception {
        Checkins checkins = checkins(Randoms.lowest());
        server.answers.add(answer("process"));
        server.answers.add(new ServerException(503, "busy", Duration.ofSeconds(30), true, null));
        server.answers.add(answer());
        server.answers.add(answer());

        checkins.checkIn(SPOOL);
        assertThat(scheduler.takeDue(POLICY, List.of(PROCESS))).containsExactly(PROCESS);
        assertThatThrownBy(() -> checkins.checkIn(SPOOL)).isInstanceOf(ServerException.class);
        checkins.checkIn(SPOOL);
        checkins.checkIn(SPOOL);

        assertThat(server.reports)
                .extracting(CheckinReport::forcedDone)
                .containsExactly(List.of(), List.of("process"), List.of("process"), List.of());
    }
}
