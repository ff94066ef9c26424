package io.agent7.agent.runtime;

import io.agent7.protocol.Policy;
import io.agent7.schema.DataType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When each collector runs: on the policy's interval, on an admin's request ({@code forced}),
 * and, for the differential batches, when a type's next batch must be a full snapshot. No
 * threads and no I/O: the caller asks what is due, collects it, and says what it sent. Not
 * thread-safe: one caller at a time (the agent's main loop, or a simulated host's worker).
 *
 * <p>Why the randomness. A type's first run comes at a random point within
 * {@link #FIRST_RUN_SPREAD} (or its interval, if shorter), and each run after it one interval
 * later give or take 10%: agents started together, after an update or a power cut or as a
 * simulated fleet, would otherwise collect and send in step for as long as they run, and a
 * host's own collectors would all fall on the same second.
 */
public final class CollectionScheduler {

    static final Duration FIRST_RUN_SPREAD = Duration.ofSeconds(10);

    // configuration
    private final Clock clock;
    private final RandomGenerator random;

    // state
    private boolean firstRunsNow;
    private final Map<String, Instant> nextRun = new HashMap<>();
    private final Map<String, Instant> lastSnapshot = new HashMap<>();
    private final Set<String> ranOnce = new HashSet<>();
    private final Set<String> forced = new LinkedHashSet<>();
    private final Set<String> forcedDone = new LinkedHashSet<>();

    public CollectionScheduler(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** From now on a type's first run is due at once, without spread: for {@code run --once}, which waits for all. */
    public void firstRunsAtOnce() {
        firstRunsNow = true;
    }

    /**
     * The types to collect now, of those the host has: enabled ones whose time came, and any an
     * admin forced. Taking them schedules each one's next run, and counts a forced one done,
     * so the caller must collect every type it gets (a failed run is still a run).
     */
    public List<DataType> takeDue(Policy policy, Collection<DataType> collectable) {
        Instant now = clock.instant();
        List<DataType> due = new ArrayList<>();
        for (DataType type : collectable) {
            Policy.Schedule schedule = policy.schedule(type.name());
            boolean isForced = forced.contains(type.name());
            if (schedule == null || (!schedule.enabled() && !isForced)) {
                continue;
            }
            Instant next = nextRun.computeIfAbsent(type.name(), t -> firstRun(now, schedule.interval()));
            if (isForced || !now.isBefore(next)) {
                due.add(type);
                nextRun.put(type.name(), now.plus(jittered(schedule.interval())));
                ranOnce.add(type.name());
                if (forced.remove(type.name())) {
                    forcedDone.add(type.name());
                }
            }
        }
        return due;
    }

    /** Whether every enabled type the host has ran at least once: when {@code run --once} is done collecting. */
    public boolean everyEnabledTypeRan(Policy policy, Collection<DataType> collectable) {
        for (DataType type : collectable) {
            Policy.Schedule schedule = policy.schedule(type.name());
            if (schedule != null && schedule.enabled() && !ranOnce.contains(type.name())) {
                return false;
            }
        }
        return true;
    }

    /** The earliest next run of any type, for a caller that sleeps until then; empty before the first round. */
    public Optional<Instant> nextDue() {
        return nextRun.values().stream().min(Instant::compareTo);
    }

    /** Collections an admin asked for, from a check-in answer; one already done and not yet reported is not run again. */
    public void force(Collection<String> types) {
        for (String type : types) {
            if (!forcedDone.contains(type)) {
                forced.add(type);
            }
        }
    }

    /** Forced collections run since the last check-in that reported them. */
    public List<String> forcedDone() {
        return List.copyOf(forcedDone);
    }

    /** A check-in delivered these in {@code forced_done}: the server knows. */
    public void forcedDoneReported(Collection<String> reported) {
        forcedDone.removeAll(reported);
    }

    /**
     * Whether the next batch of {@code type} must be a full snapshot by the policy's
     * {@code full_snapshot_interval}: one that heals any drift between what the agent sent and
     * what the server has. A type never snapshotted is due.
     */
    public boolean fullSnapshotDue(DataType type, Policy policy) {
        return !lastSnapshot(type).plus(policy.fullSnapshotInterval()).isAfter(clock.instant());
    }

    /** When the type's last full snapshot was sent; {@link Instant#EPOCH} for never. */
    public Instant lastSnapshot(DataType type) {
        return lastSnapshot.getOrDefault(type.name(), Instant.EPOCH);
    }

    /** A full snapshot of the type was sent (or, at start, was last sent) at {@code at}. */
    public void snapshotSent(DataType type, Instant at) {
        lastSnapshot.put(type.name(), at);
    }

    private Instant firstRun(Instant now, Duration interval) {
        if (firstRunsNow) {
            return now;
        }
        long spread = Math.min(FIRST_RUN_SPREAD.toMillis(), interval.toMillis());
        return now.plusMillis(random.nextLong(spread + 1));
    }

    /** The interval, give or take 10%. */
    private Duration jittered(Duration interval) {
        long millis = interval.toMillis();
        return Duration.ofMillis(millis * 9 / 10 + random.nextLong(millis / 5 + 1));
    }
}
