package io.agent7.agent.fleet;

import io.agent7.agent.runtime.AgentPolicy;
import io.agent7.agent.simulate.VirtualHost;
import io.agent7.agent.state.Credentials;
import io.agent7.agent.sync.Batch;
import io.agent7.agent.sync.SyncState;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One virtual host speaking the real protocol: check-ins on the policy's jittered interval,
 * collections on the policy's schedule, differential batches from the same {@link SyncState}
 * the real agent uses, sent in order and retried as the server asks. Only its spool is in
 * memory.
 */
final class SimulatedHost {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final VirtualHost host;
    private final ServerClient client;
    private final Credentials credentials;
    private final FleetStats stats;
    private final Map<String, SyncState> states = new HashMap<>();
    private final Map<String, Instant> lastSnapshot = new HashMap<>();
    private final Map<String, Instant> nextRun = new HashMap<>();
    private final ArrayDeque<Batch> outbox = new ArrayDeque<>();
    private AgentPolicy policy;
    private Instant nextCheckin = Instant.EPOCH;
    private Instant nextSend = Instant.EPOCH;
    private Instant lastAdvance;
    private boolean busy;

    SimulatedHost(VirtualHost host, ServerClient client, Credentials credentials, FleetStats stats, Instant now) {
        this.host = host;
        this.client = client;
        this.credentials = credentials;
        this.stats = stats;
        this.lastAdvance = now;
    }

    /** Claims the host for one round of work; false when a worker already has it. */
    synchronized boolean claim() {
        if (busy) {
            return false;
        }
        busy = true;
        return true;
    }

    /** Whatever is due now: check-in, collections, sending. Runs on a worker thread. */
    void work(Instant now) {
        try {
            if (!now.isBefore(nextCheckin)) {
                checkin(now);
            }
            if (policy != null) {
                collectDue(now);
            }
            send(now);
        } finally {
            synchronized (this) {
                busy = false;
            }
        }
    }

    private void checkin(Instant now) {
        ObjectNode report = JSON.createObjectNode();
        report.put("agent_version", "simulated");
        if (policy != null) {
            report.put("policy_version", policy.version());
        }
        ObjectNode facts = report.putObject("host");
        facts.put("hostname", host.hostName());
        var ips = facts.putArray("ips");
        host.ips().forEach(ips::add);
        facts.putObject("os")
                .put("family", host.osFamily())
                .put("name", host.facts().osName())
                .put("version", host.facts().osVersion())
                .put("kernel", host.facts().kernel());
        report.putObject("spool").put("bytes", 0).put("dropped_batches", 0);
        long start = System.nanoTime();
        try {
            JsonNode answer = client.checkin(report);
            stats.record(FleetStats.Call.CHECKIN, System.nanoTime() - start, true);
            policy = AgentPolicy.parse(answer.path("policy"));
            long min = policy.checkinMin().toMillis();
            long max = Math.max(min, policy.checkinMax().toMillis());
            nextCheckin = now.plusMillis(min + ThreadLocalRandom.current().nextLong(max - min + 1));
        } catch (ServerException e) {
            stats.record(FleetStats.Call.CHECKIN, System.nanoTime() - start, e.status() + " " + e.getMessage());
            nextCheckin = now.plus(e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(30));
        }
    }

    private void collectDue(Instant now) {
        for (Map.Entry<String, AgentPolicy.Schedule> entry : policy.collectors().entrySet()) {
            String type = entry.getKey();
            AgentPolicy.Schedule schedule = entry.getValue();
            if (!schedule.enabled() || !VirtualHost.TYPES.contains(type)) {
                continue;
            }
            Instant due = nextRun.computeIfAbsent(
                    type,
                    t -> now.plusMillis(ThreadLocalRandom.current()
                            .nextLong(Math.min(30_000, schedule.interval().toMillis()) + 1)));
            if (now.isBefore(due)) {
                continue;
            }
            long interval = schedule.interval().toMillis();
            nextRun.put(
                    type,
                    now.plusMillis(
                            interval * 9 / 10 + ThreadLocalRandom.current().nextLong(interval / 5 + 1)));
            host.advance(Duration.between(lastAdvance, now), now);
            lastAdvance = now;
            SyncState state = states.computeIfAbsent(
                    type, t -> SyncState.fresh(Schema.standard().require(t), credentials.hostId()));
            boolean snapshotDue = !lastSnapshot
                    .getOrDefault(type, Instant.EPOCH)
                    .plus(policy.fullSnapshotInterval())
                    .isAfter(now);
            SyncState.Next next = state.next(host.collect(type), now, snapshotDue);
            if (!next.batch().isEmpty()) {
                outbox.add(next.batch());
                stats.spooled(
                        next.batch().upserts().size() + next.batch().removals().size());
            }
            state.commit(next);
            if (next.batch().mode() == Batch.Mode.SNAPSHOT) {
                lastSnapshot.put(type, now);
            }
        }
    }

    private void send(Instant now) {
        while (!outbox.isEmpty() && !now.isBefore(nextSend)) {
            Batch batch = outbox.peek();
            long start = System.nanoTime();
            try {
                client.post(batch);
                stats.record(FleetStats.Call.INGEST, System.nanoTime() - start, true);
                outbox.poll();
            } catch (ServerException e) {
                stats.record(FleetStats.Call.INGEST, System.nanoTime() - start, e.status() + " " + e.getMessage());
                if (!e.retryable()) {
                    outbox.poll(); // refused for good: the real agent drops it and resnaps the type
                    states.get(batch.type()).requireSnapshot();
                } else {
                    nextSend = now.plus(e.retryAfter());
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
