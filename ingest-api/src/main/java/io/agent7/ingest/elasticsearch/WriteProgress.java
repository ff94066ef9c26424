package io.agent7.ingest.elasticsearch;

import io.agent7.ingest.ingest.IngestProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What the write pipeline has done lately, to tell a pipeline that waits for Elasticsearch
 * from one that is stuck. Operations count from when an agent's write is accepted until its
 * result is known; bulks count when Elasticsearch answers them, or when they fail.
 *
 * <p>Two thresholds, because they call for different remedies. {@link Status#STALLED}: work is
 * pending and Elasticsearch has answered no bulk for the stall timeout, which is what a dead,
 * unreachable or hung cluster looks like; this instance cannot take batches, so readiness
 * says so, and restarting it would not help. {@link Status#WEDGED}: work is pending and no bulk
 * has even failed for the wedge timeout. Every request has a deadline and fails by it at the
 * latest, so a pipeline with work and no outcome at all is stuck in itself, and only a restart
 * helps; liveness says so. The clock starts again whenever the pipeline goes from idle to
 * busy: a quiet instance is not a stuck one.
 */
@Component
final class WriteProgress {

    enum Status {
        IDLE,
        WRITING,
        STALLED,
        WEDGED
    }

    /** The status and what it was judged on. */
    record State(Status status, int pending, Duration sinceAnswer, Duration sinceOutcome) {}

    // configuration
    private final Duration stallTimeout;
    private final Duration wedgeTimeout;
    private final LongSupplier nanoTime;

    // state
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong busySince;
    private final AtomicLong lastAnswer;
    private final AtomicLong lastOutcome;

    @Autowired
    WriteProgress(IngestProperties properties) {
        this(properties.stallTimeout(), properties.wedgeTimeout(), System::nanoTime);
    }

    WriteProgress(Duration stallTimeout, Duration wedgeTimeout, LongSupplier nanoTime) {
        if (stallTimeout.isNegative() || stallTimeout.isZero() || wedgeTimeout.compareTo(stallTimeout) <= 0) {
            throw new IllegalArgumentException("agent7.ingest.wedge-timeout (" + wedgeTimeout
                    + ") must be longer than agent7.ingest.stall-timeout (" + stallTimeout
                    + "), which must be positive");
        }
        this.stallTimeout = stallTimeout;
        this.wedgeTimeout = wedgeTimeout;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.busySince = new AtomicLong(now);
        this.lastAnswer = new AtomicLong(now);
        this.lastOutcome = new AtomicLong(now);
    }

    /** Operations accepted from agents. */
    void accepted(int operations) {
        if (pending.getAndAdd(operations) == 0 && operations > 0) {
            busySince.set(nanoTime.getAsLong());
        }
    }

    /** An operation's result is known (written, refused, or given up on). */
    void completed() {
        pending.decrementAndGet();
    }

    /** Elasticsearch answered a bulk, whatever it said of each item. */
    void answered() {
        long now = nanoTime.getAsLong();
        lastAnswer.set(now);
        lastOutcome.set(now);
    }

    /** A bulk failed without an answer: no connection, a timeout, a reset. */
    void failed() {
        lastOutcome.set(nanoTime.getAsLong());
    }

    int pending() {
        return pending.get();
    }

    State state() {
        long now = nanoTime.getAsLong();
        long busy = busySince.get();
        Duration sinceAnswer = Duration.ofNanos(now - later(lastAnswer.get(), busy));
        Duration sinceOutcome = Duration.ofNanos(now - later(lastOutcome.get(), busy));
        int operations = pending.get();
        Status status;
        if (operations <= 0) {
            status = Status.IDLE;
        } else if (sinceOutcome.compareTo(wedgeTimeout) >= 0) {
            status = Status.WEDGED;
        } else if (sinceAnswer.compareTo(stallTimeout) >= 0) {
            status = Status.STALLED;
        } else {
            status = Status.WRITING;
        }
        return new State(status, Math.max(0, operations), sinceAnswer, sinceOutcome);
    }

    Duration stallTimeout() {
        return stallTimeout;
    }

    Duration wedgeTimeout() {
        return wedgeTimeout;
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }
}
