package io.agent7.agent.runtime;

import io.agent7.agent.transport.ServerException;
import io.agent7.protocol.CheckinAnswer;
import io.agent7.protocol.CheckinReport;
import io.agent7.protocol.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The agent's check-ins: when the next is due, and what one does. It reports the host, the
 * spool, the forced collections run and the errors since the last; it learns the policy and
 * the collections an admin forced. After a success the next comes at a random point of the
 * policy's {@code checkin} range, so a fleet started together spreads out; after a failure,
 * when {@link Backoff} says. No threads: the caller checks {@link #due()} and calls
 * {@link #checkIn}.
 */
public final class Checkins {

    /** The one call a check-in makes: {@code ServerClient::checkin}, or a fake in tests. */
    @FunctionalInterface
    public interface Server {
        CheckinAnswer checkin(CheckinReport report) throws ServerException;
    }

    /** What a check-in brought: the answer, and whether its policy differs from the one run before. */
    public record Result(CheckinAnswer answer, boolean policyChanged) {}

    // configuration
    private final Server server;
    private final Clock clock;
    private final RandomGenerator random;

    // collaborators
    private final CheckinReporter reporter;
    private final CollectionScheduler scheduler;
    private final PolicyCache policies;
    private final Backoff backoff;

    // state
    private Instant next = Instant.EPOCH;

    public Checkins(
            Server server,
            Clock clock,
            RandomGenerator random,
            CheckinReporter reporter,
            CollectionScheduler scheduler,
            PolicyCache policies) {
        this.server = server;
        this.clock = clock;
        this.random = random;
        this.reporter = reporter;
        this.scheduler = scheduler;
        this.policies = policies;
        this.backoff = new Backoff(random);
    }

    public boolean due() {
        return !clock.instant().isBefore(next);
    }

    public Instant next() {
        return next;
    }

    /**
     * Checks in now. On failure the next check-in is set by the backoff and the failure thrown,
     * for the caller to log, count, or (when {@link ServerException#unauthorized()}) stop on.
     */
    public Result checkIn(CheckinReport.Spool spool) throws ServerException {
        Instant now = clock.instant();
        CheckinReport report = reporter.report(policies.current().orElse(null), spool, scheduler.forcedDone());
        CheckinAnswer answer;
        try {
            answer = server.checkin(report);
        } catch (ServerException e) {
            next = now.plus(backoff.after(e));
            throw e;
        }
        backoff.succeeded();
        reporter.delivered(report);
        scheduler.forcedDoneReported(report.forcedDone());
        boolean changed = answer.policy() != null && policies.update(answer.policy());
        scheduler.force(answer.forced());
        next = now.plus(untilNext(policies.current().map(Policy::checkin).orElse(Policy.DEFAULT_CHECKIN)));
        return new Result(answer, changed);
    }

    /** A random point of the range, both ends included. */
    private Duration untilNext(Policy.Checkin range) {
        long min = range.min().toMillis();
        long max = Math.max(min, range.max().toMillis());
        return Duration.ofMillis(min + random.nextLong(max - min + 1));
    }
}
