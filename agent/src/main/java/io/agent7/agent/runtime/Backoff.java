package io.agent7.agent.runtime;

import io.agent7.agent.transport.ServerException;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before calling the server again after a failed call: exponential from
 * {@link #FIRST} up to {@link #CAP}, or what the server asked for in {@code Retry-After}.
 * Either wait gets up to half again at random: a fleet that lost the server together (or was
 * told the same time by it) must not come back together. Not thread-safe: one per caller.
 */
public final class Backoff {

    public static final Duration FIRST = Duration.ofSeconds(1);
    /** Long enough that a fleet waiting out an outage costs the server little; short enough to resume soon after. */
    public static final Duration CAP = Duration.ofMinutes(5);

    private final RandomGenerator random;
    private Duration step = FIRST;

    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The wait after {@code failure}: the server's {@code Retry-After}, which it knows best and
     * which does not grow the step, or else the current step, which doubles for next time.
     */
    public Duration after(ServerException failure) {
        if (failure.serverSaid()) {
            return jittered(failure.retryAfter());
        }
        Duration wait = jittered(step);
        step = step.multipliedBy(2).compareTo(CAP) < 0 ? step.multipliedBy(2) : CAP;
        return wait;
    }

    /** A call went through: the next failure waits {@link #FIRST} again. */
    public void succeeded() {
        step = FIRST;
    }

    private Duration jittered(Duration wait) {
        return wait.plusMillis(random.nextLong(wait.toMillis() / 2 + 1));
    }
}
