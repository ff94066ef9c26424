package io.agent7.simulator;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.runtime.Backoff;
import io.agent7.agent.runtime.CheckinReporter;
import io.agent7.agent.runtime.Checkins;
import io.agent7.agent.runtime.CollectionScheduler;
import io.agent7.agent.runtime.PolicyCache;
import io.agent7.agent.state.HostFacts;
import io.agent7.agent.sync.SyncState;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.protocol.Batch;
import io.agent7.protocol.CheckinReport;
import io.agent7.protocol.CollectorError;
import io.agent7.protocol.Policy;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.simulator.host.VirtualHost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One virtual host run by the agent's own parts: its check-ins ({@link Checkins}, with the
 * agent's report, jitter and backoff), its collections ({@link CollectionScheduler}, forced
 * ones included), the differential batches of {@link SyncState}, and sending that backs off as
 * the agent's does. What differs from a real agent: its collectors read a {@link VirtualHost},
 * its spool is in memory, and a worker thread of the fleet runs it a round at a time instead
 * of threads of its own.
 */
final class SimulatedHost {

    /** A virtual host's spool is in memory and never full. */
    private static final CheckinReport.Spool IN_MEMORY_SPOOL = new CheckinReport.Spool(0, 0);

    // configuration
    private final VirtualHost host;
    private final ServerClient client;
    private final String hostId;
    private final FleetStats stats;
    private final Clock clock;
    private final Map<DataType, Collector> collectors = new LinkedHashMap<>();

    // the agent's parts
    private final PolicyCache policies = PolicyCache.inMemory();
    private final CollectionScheduler scheduler;
    private final CheckinReporter reporter;
    private final Checkins checkins;
    private final Backoff sendBackoff;

    // state, used by one worker at a time
    private final Map<DataType, SyncState> states = new HashMap<>();
    private final ArrayDeque<Batch> outbox = new ArrayDeque<>();
    private Instant nextSend = Instant.EPOCH;
    private Instant lastAdvance;
    private boolean busy;

    SimulatedHost(
            VirtualHost host,
            ServerClient client,
            FleetStats stats,
            Schema schema,
            Clock clock,
            RandomGenerator random) {
        this.host = host;
        this.client = client;
        this.hostId = client.credentials().hostId();
        this.stats = stats;
        this.clock = clock;
        host.collectors(schema).forEach(c -> collectors.put(c.type(), c));
        this.scheduler = new CollectionScheduler(clock, random);
        this.reporter = new CheckinReporter("simulated", this::report);
        this.checkins = new Checkins(client::checkin, clock, random, reporter, scheduler, policies);
        this.sendBackoff = new Backoff(random);
        this.lastAdvance = clock.instant();
    }

    /** Claims the host for one round of work; false when a worker already has it. */
    synchronized boolean claim() {
        if (busy) {
            return false;
        }
        busy = true;
        return true;
    }

    /** Whatever is due now: check-in, collections, sending. Runs on a worker thread that claimed the host. */
    void work() {
        try {
            if (checkins.due()) {
                checkin();
            }
            policies.current().ifPresent(this::collectDue);
            send();
        } finally {
            synchronized (this) {
                busy = false;
            }
        }
    }

    private CheckinReport.Host report() {
        HostFacts facts = host.facts();
        return new CheckinReport.Host(
                host.hostName(),
                null,
                host.ips(),
                null,
                null,
                null,
                null,
                new CheckinReport.Os(
                        host.osFamily(), facts.osName(), null, facts.osVersion(), facts.kernel(), null, null));
    }

    private void checkin() {
        long start = System.nanoTime();
        try {
            checkins.checkIn(IN_MEMORY_SPOOL);
            stats.record(FleetStats.Call.CHECKIN, System.nanoTime() - start, true);
        } catch (ServerException e) {
            stats.record(FleetStats.Call.CHECKIN, System.nanoTime() - start, e.status() + " " + e.getMessage());
        }
    }

    private void collectDue(Policy policy) {
        List<DataType> due = scheduler.takeDue(policy, collectors.keySet());
        if (due.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        host.advance(Duration.between(lastAdvance, now), now);
        lastAdvance = now;
        for (DataType type : due) {
            SyncState state = states.computeIfAbsent(type, t -> SyncState.fresh(t, hostId));
            SyncState.Batched next =
                    state.next(collectors.get(type).collect(), now, scheduler.fullSnapshotDue(type, policy));
            Batch batch = next.batch();
            if (!batch.isEmpty()) {
                outbox.add(batch);
                stats.spooled(batch.documents().size() + batch.removals().size());
            }
            state.commit(next);
            if (batch.mode() == Batch.Mode.SNAPSHOT) {
                scheduler.snapshotSent(type, now);
            }
        }
    }

    private void send() {
        while (!outbox.isEmpty() && !clock.instant().isBefore(nextSend)) {
            Batch batch = outbox.peek();
            long start = System.nanoTime();
            try {
                client.post(batch);
                stats.record(FleetStats.Call.INGEST, System.nanoTime() - start, true);
                sendBackoff.succeeded();
                outbox.poll();
            } catch (ServerException e) {
                stats.record(FleetStats.Call.INGEST, System.nanoTime() - start, e.status() + " " + e.getMessage());
                if (e.retryable()) {
                    nextSend = clock.instant().plus(sendBackoff.after(e));
                } else {
                    // Refused for good: dropped, and the type's next batch is a full snapshot, as the agent does.
                    outbox.poll();
                    states.get(batch.type()).requireSnapshot();
                    reporter.failed(new CollectorError(
                            batch.type().name(),
                            CollectorError.Kind.BATCH_REFUSED,
                            "batch refused: " + e.getMessage()));
                }
                return;
            }
        }
    }

    int pending() {
        synchronized (this) {
            return outbox.size();
        }
    }
}
