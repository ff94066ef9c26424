package io.agent7.agent.runtime;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.spool.Spool;
import io.agent7.agent.sync.Batch;
import io.agent7.agent.sync.SyncState;
import io.agent7.agent.sync.SyncStore;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent's main loop: checks in on a jittered interval, runs the collectors the policy
 * asks for, turns what they find into differential batches, and spools them; a second
 * thread sends the spool, oldest first, until the server has everything.
 *
 * <p>Why two threads: collection never waits for the network, and sending never waits for a
 * collector. The spool between them is what survives outages and restarts.
 */
public final class AgentRuntime {

    private static final Logger log = Logger.getLogger(AgentRuntime.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration HEAP_RETURN_INTERVAL = Duration.ofMinutes(1);

    // configuration
    private final ServerClient server;
    private final Map<String, Collector> collectors;
    private final Path stateDir;
    private final Clock clock;
    private final String version;
    private final Supplier<ObjectNode> hostReport;

    // collaborators
    private final Spool spool;
    private final SyncStore store;
    private final CollectorRunner runner = new CollectorRunner();
    private final AgentStats stats;

    // state of the scheduler thread
    private final Map<String, SyncState> states = new HashMap<>();
    private final Map<String, Instant> lastSnapshot = new HashMap<>();
    private final Map<String, Instant> nextRun = new HashMap<>();
    private final Set<String> forced = new LinkedHashSet<>();
    private final List<String> forcedDone = new ArrayList<>();
    private AgentPolicy policy;
    private Instant nextCheckin = Instant.EPOCH;
    private Instant lastHeapReturn = Instant.EPOCH;
    private boolean collectedSinceHeapReturn;
    private Duration checkinBackoff = Duration.ofSeconds(1);

    // shared between the threads
    private final Set<String> snapshotNeeded = ConcurrentHashMap.newKeySet();
    private final List<String> collectorErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private volatile boolean revoked;
    private final Object spoolSignal = new Object();

    public AgentRuntime(
            ServerClient server,
            List<Collector> collectors,
            Path stateDir,
            long spoolBytes,
            Clock clock,
            String version,
            Supplier<ObjectNode> hostReport)
            throws IOException {
        this.server = server;
        this.collectors = new HashMap<>();
        collectors.forEach(c -> this.collectors.put(c.type(), c));
        this.stateDir = stateDir;
        this.clock = clock;
        this.version = version;
        this.hostReport = hostReport;
        this.spool = new Spool(stateDir.resolve("spool"), spoolBytes, snapshotNeeded::add);
        this.store = new SyncStore(stateDir, server.credentials().hostId());
        this.stats = new AgentStats(stateDir);
        this.policy = cachedPolicy();
    }

    /**
     * Runs until {@link #stop()} or until the server revokes the agent; answers false then.
     * With {@code once}, runs every enabled collector one time, waits until the spool is empty,
     * and returns.
     */
    public boolean run(boolean once) throws InterruptedException {
        Thread sender = new Thread(this::sendLoop, "agent7-sender");
        sender.setDaemon(true);
        sender.start();
        try {
            while (running && !revoked) {
                Instant now = clock.instant();
                if (!now.isBefore(nextCheckin)) {
                    checkin(now);
                }
                if (policy != null) {
                    boolean ranAll = collectDue(now, once);
                    if (once && ranAll) {
                        drain();
                        return !revoked;
                    }
                    returnIdleHeap(now);
                }
                sleepUntilNextDue();
            }
            return !revoked;
        } finally {
            running = false;
            synchronized (spoolSignal) {
                spoolSignal.notifyAll();
            }
            sender.join(5_000);
            runner.close();
        }
    }

    public void stop() {
        running = false;
    }

    /**
     * After collections, give the heap they grew back to the system. The serial collector
     * shrinks the heap only in a full collection, which an agent that is idle between rounds
     * would otherwise rarely have; one costs a few milliseconds on a heap this small, and
     * happens at most once a minute.
     */
    private void returnIdleHeap(Instant now) {
        if (collectedSinceHeapReturn && !now.isBefore(lastHeapReturn.plus(HEAP_RETURN_INTERVAL))) {
            collectedSinceHeapReturn = false;
            lastHeapReturn = now;
            System.gc();
        }
    }

    private void checkin(Instant now) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("agent_version", version);
        if (policy != null) {
            report.put("policy_version", policy.version());
        }
        report.set("host", hostReport.get());
        report.putObject("spool").put("bytes", spool.bytes()).put("dropped_batches", spool.droppedBatches());
        List<String> done = List.copyOf(forcedDone);
        done.forEach(report.putArray("forced_done")::add);
        List<String> errors;
        synchronized (collectorErrors) {
            errors = List.copyOf(collectorErrors);
        }
        errors.forEach(report.putArray("collector_errors")::add);
        try {
            JsonNode answer = server.checkin(report);
            forcedDone.removeAll(done);
            collectorErrors.removeAll(errors);
            AgentPolicy next = AgentPolicy.parse(answer.path("policy"));
            if (policy == null || next.version() != policy.version()) {
                log.info("Policy " + next.version() + " of group "
                        + answer.path("policy").path("group").asString());
                savePolicy(answer.path("policy"));
            }
            policy = next;
            for (JsonNode type : answer.path("forced")) {
                if (!forcedDone.contains(type.asString())) {
                    forced.add(type.asString());
                }
            }
            checkinBackoff = Duration.ofSeconds(1);
            long min = policy.checkinMin().toMillis();
            long max = Math.max(min, policy.checkinMax().toMillis());
            // A random point in [min, max] each time keeps a fleet from checking in in step.
            nextCheckin = now.plusMillis(min + ThreadLocalRandom.current().nextLong(max - min + 1));
        } catch (ServerException e) {
            if (e.unauthorized()) {
                revoke(e);
                return;
            }
            Duration wait = e.serverSaid() ? e.retryAfter() : checkinBackoff;
            log.warning("Check-in failed (" + e.getMessage() + "); next try in " + wait.toSeconds() + "s");
            nextCheckin = now.plus(wait);
            if (!e.serverSaid()) {
                checkinBackoff = min(checkinBackoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    /** Runs what is due; answers whether every enabled collector has run at least once. */
    private boolean collectDue(Instant now, boolean once) {
        boolean allRan = true;
        for (Map.Entry<String, AgentPolicy.Schedule> entry : policy.collectors().entrySet()) {
            String type = entry.getKey();
            AgentPolicy.Schedule schedule = entry.getValue();
            Collector collector = collectors.get(type);
            if (collector == null || (!schedule.enabled() && !forced.contains(type))) {
                continue;
            }
            Instant due = nextRun.computeIfAbsent(
                    type,
                    t -> once
                            ? now
                            : now.plusMillis(ThreadLocalRandom.current()
                                    .nextLong(
                                            Math.min(10_000, schedule.interval().toMillis()) + 1)));
            boolean isForced = forced.remove(type);
            if (isForced || !now.isBefore(due)) {
                collect(collector, schedule, now);
                if (isForced) {
                    forcedDone.add(type);
                }
                // ±10% so that collectors started together drift apart.
                long interval = schedule.interval().toMillis();
                nextRun.put(
                        type,
                        now.plusMillis(
                                interval * 9 / 10 + ThreadLocalRandom.current().nextLong(interval / 5 + 1)));
            } else {
                allRan = false;
            }
        }
        return allRan;
    }

    private void collect(Collector collector, AgentPolicy.Schedule schedule, Instant now) {
        String type = collector.type();
        CollectorRunner.Result result = runner.run(collector, schedule.timeBudget());
        if (result.error() != null) {
            collectorErrors.add(type + ": " + result.error());
            log.warning(type + " collection failed: " + result.error());
            return;
        }
        stats.collected(type, result.cpuMillis());
        collectedSinceHeapReturn = true;
        SyncState state = states.computeIfAbsent(type, t -> {
            SyncStore.Loaded loaded = store.load(Schema.standard().require(t));
            lastSnapshot.put(t, loaded.lastSnapshot());
            return loaded.state();
        });
        if (snapshotNeeded.remove(type)) {
            state.requireSnapshot();
        }
        boolean snapshotDue =
                !lastSnapshot.get(type).plus(policy.fullSnapshotInterval()).isAfter(now);
        SyncState.Next next;
        try {
            next = state.next(result.documents(), now, snapshotDue);
        } catch (RuntimeException e) {
            collectorErrors.add(type + ": " + e.getMessage());
            log.log(Level.WARNING, type + " produced a document the schema refuses; nothing sent", e);
            return;
        }
        Batch batch = next.batch();
        try {
            if (!batch.isEmpty()) {
                spool.add(
                        type,
                        batch.mode() == Batch.Mode.SNAPSHOT ? "snapshot" : "diff",
                        batch.id(),
                        ServerClient.encode(batch));
                synchronized (spoolSignal) {
                    spoolSignal.notifyAll();
                }
            }
            state.commit(next);
            if (batch.mode() == Batch.Mode.SNAPSHOT) {
                lastSnapshot.put(type, now);
            }
            store.save(state, lastSnapshot.get(type));
            log.fine(() -> String.format(
                    "%s: %d items in %d ms (%d ms CPU); %s of %d upserts, %d removals",
                    type,
                    result.documents().size(),
                    result.wallMillis(),
                    result.cpuMillis(),
                    batch.mode(),
                    batch.upserts().size(),
                    batch.removals().size()));
        } catch (IOException e) {
            // Not spooled, so not sent: the next run of this type must resend everything.
            state.requireSnapshot();
            collectorErrors.add(type + ": could not spool the batch: " + e.getMessage());
            log.warning("Could not spool a " + type + " batch: " + e.getMessage());
        }
    }

    private void sendLoop() {
        Duration backoff = Duration.ofSeconds(1);
        while (running && !revoked) {
            var next = spool.oldest();
            if (next.isEmpty()) {
                waitForSpool(Duration.ofSeconds(1));
                continue;
            }
            Spool.Entry entry = next.get();
            try {
                ServerClient.BatchResult result = server.postEncoded(entry.type(), entry.body());
                removeQuietly(entry);
                stats.delivered(entry.type(), entry.mode(), entry.size());
                stats.save();
                backoff = Duration.ofSeconds(1);
                log.info(() -> String.format(
                        "%s %s delivered: %d new, %d changed, %d unchanged, %d removed",
                        entry.type(),
                        entry.mode(),
                        result.created(),
                        result.updated(),
                        result.unchanged(),
                        result.removed()));
            } catch (ServerException e) {
                if (e.unauthorized()) {
                    revoke(e);
                    return;
                }
                if (e.retryable()) {
                    Duration wait = e.serverSaid() ? e.retryAfter() : backoff;
                    // Jitter: a fleet that lost the server together should not return together.
                    wait = wait.plusMillis(ThreadLocalRandom.current().nextLong(wait.toMillis() / 2 + 1));
                    log.warning(entry.type() + " batch not delivered (" + e.getMessage() + "); retrying in "
                            + wait.toSeconds() + "s");
                    sleep(wait);
                    if (!e.serverSaid()) {
                        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                    }
                } else {
                    log.severe("The server refused a " + entry.type() + " batch; it is dropped and the next "
                            + entry.type() + " batch will be a full snapshot: " + e.getMessage());
                    snapshotNeeded.add(entry.type());
                    collectorErrors.add(entry.type() + ": batch refused: " + e.getMessage());
                    removeQuietly(entry);
                }
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "Sending a " + entry.type() + " batch failed", e);
                sleep(backoff);
            }
        }
    }

    /** Waits until every spooled batch is delivered, for {@code run(once)}. */
    private void drain() throws InterruptedException {
        while (spool.size() > 0 && !revoked && running) {
            Thread.sleep(100);
        }
    }

    private void revoke(ServerException e) {
        revoked = true;
        log.severe("The server no longer accepts this agent's credentials (" + e.getMessage() + "). Enroll again.");
    }

    private void sleepUntilNextDue() throws InterruptedException {
        Instant now = clock.instant();
        Instant wake = nextCheckin;
        for (Instant due : nextRun.values()) {
            if (due.isBefore(wake)) {
                wake = due;
            }
        }
        long millis = Math.max(50, Math.min(1_000, Duration.between(now, wake).toMillis()));
        Thread.sleep(millis);
    }

    /** Waits the whole time (unless stopped): new batches in the spool do not cut a backoff short. */
    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() < until) {
            waitForSpool(Duration.ofNanos(Math.min(until - System.nanoTime(), 1_000_000_000L)));
        }
    }

    private void waitForSpool(Duration duration) {
        synchronized (spoolSignal) {
            try {
                spoolSignal.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void removeQuietly(Spool.Entry entry) {
        try {
            spool.remove(entry);
        } catch (IOException e) {
            log.warning("Could not remove spooled batch " + entry.file() + ": " + e.getMessage());
        }
    }

    private AgentPolicy cachedPolicy() {
        Path file = stateDir.resolve("policy.json");
        try {
            return Files.exists(file) ? AgentPolicy.parse(JsonTrees.read(file)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void savePolicy(JsonNode raw) {
        try {
            Files.write(stateDir.resolve("policy.json"), JsonTrees.bytes(raw));
        } catch (IOException e) {
            log.warning("Could not keep the policy for the next start: " + e.getMessage());
        }
    }

    public Spool spool() {
        return spool;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
