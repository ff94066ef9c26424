package io.agent7.agent.runtime;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.spool.Spool;
import io.agent7.agent.sync.SyncState;
import io.agent7.agent.sync.SyncStore;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.protocol.Batch;
import io.agent7.protocol.BatchAnswer;
import io.agent7.protocol.BatchEncoder;
import io.agent7.protocol.CheckinReport;
import io.agent7.protocol.CollectorError;
import io.agent7.protocol.Policy;
import io.agent7.schema.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's threads and their wiring. The main loop checks in when {@link Checkins} says,
 * runs what the {@link CollectionScheduler} says is due, turns what the collectors find into
 * differential batches and spools them; a second thread sends the spool, oldest first, until
 * the server has everything, backing off as {@link Backoff} says.
 *
 * <p>Why two threads: collection never waits for the network, and sending never waits for a
 * collector. The spool between them is what survives outages and restarts.
 */
public final class AgentRuntime {

    private static final Logger log = Logger.getLogger(AgentRuntime.class.getName());
    private static final Duration HEAP_RETURN_INTERVAL = Duration.ofMinutes(1);

    // configuration
    private final ServerClient server;
    private final Map<DataType, Collector> collectors = new LinkedHashMap<>();
    private final Clock clock;

    // collaborators
    private final Spool spool;
    private final SyncStore store;
    private final CollectorRunner runner = new CollectorRunner();
    private final AgentStats stats;
    private final PolicyCache policies;
    private final CollectionScheduler scheduler;
    private final CheckinReporter reporter;
    private final Checkins checkins;

    // state of the main loop
    private final Map<DataType, SyncState> states = new HashMap<>();
    private Instant lastHeapReturn = Instant.EPOCH;
    private boolean collectedSinceHeapReturn;

    // shared between the threads
    private final Set<String> snapshotNeeded = ConcurrentHashMap.newKeySet();
    private final Set<String> collectNow = ConcurrentHashMap.newKeySet();
    private final List<Runnable> checkinListeners = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile boolean revoked;
    private final Object spoolSignal = new Object();

    /** @param hostReport what the host looks like now, asked at every check-in */
    public AgentRuntime(
            ServerClient server,
            List<Collector> collectors,
            Path stateDir,
            long spoolBytes,
            Clock clock,
            String version,
            Supplier<CheckinReport.Host> hostReport)
            throws IOException {
        this.server = server;
        collectors.forEach(c -> this.collectors.put(c.type(), c));
        this.clock = clock;
        this.spool = new Spool(stateDir.resolve("spool"), spoolBytes, snapshotNeeded::add);
        this.store = new SyncStore(stateDir, server.credentials().hostId());
        this.stats = new AgentStats(stateDir);
        this.policies = PolicyCache.in(stateDir);
        SplittableRandom random = new SplittableRandom();
        this.scheduler = new CollectionScheduler(clock, random);
        this.reporter = new CheckinReporter(version, hostReport);
        this.checkins = new Checkins(server::checkin, clock, random, reporter, scheduler, policies);
    }

    /**
     * Runs until {@link #stop()} or until the server revokes the agent; answers false then.
     * With {@code once}, runs every enabled collector one time, waits until the spool is empty,
     * checks in once more when a collection failed (so that its error reaches the server), and
     * returns.
     */
    public boolean run(boolean once) throws InterruptedException {
        if (once) {
            scheduler.firstRunsAtOnce();
        }
        Thread sender = new Thread(this::sendLoop, "agent7-sender");
        sender.setDaemon(true);
        sender.start();
        try {
            while (running && !revoked) {
                if (checkins.due()) {
                    checkin();
                }
                Policy policy = policies.current().orElse(null);
                if (!collectNow.isEmpty()) {
                    List<String> asked = List.copyOf(collectNow);
                    collectNow.removeAll(asked);
                    scheduler.force(asked);
                }
                if (policy != null) {
                    for (DataType type : scheduler.takeDue(policy, collectors.keySet())) {
                        collect(collectors.get(type), policy);
                    }
                    if (once && scheduler.everyEnabledTypeRan(policy, collectors.keySet())) {
                        drain();
                        if (!reporter.undelivered().isEmpty()) {
                            checkin(); // a collection failed: the server hears of it before the agent exits
                        }
                        return !revoked;
                    }
                    returnIdleHeap(clock.instant());
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

    /** Whether the agent still runs: not stopped, not revoked. */
    /** Runs {@code listener} after each check-in the server answered. */
    public void afterCheckin(Runnable listener) {
        checkinListeners.add(listener);
    }

    public boolean running() {
        return running && !revoked;
    }

    /**
     * Collects {@code type} at the next turn of the main loop (within a second), as a
     * response command asks; false when this agent has no collector of it.
     */
    public boolean collectNow(String type) {
        boolean known = collectors.keySet().stream().anyMatch(t -> t.name().equals(type));
        if (known) {
            collectNow.add(type);
        }
        return known;
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

    private void checkin() {
        try {
            Checkins.Result result = checkins.checkIn(new CheckinReport.Spool(spool.bytes(), spool.droppedBatches()));
            checkinListeners.forEach(Runnable::run);
            if (result.policyChanged()) {
                Policy policy = result.answer().policy();
                log.info("Policy " + policy.version() + " of group " + policy.group());
            }
        } catch (ServerException e) {
            if (e.unauthorized()) {
                revoke(e);
                return;
            }
            log.warning("Check-in failed (" + e.getMessage() + "); next try at " + checkins.next());
        }
    }

    private void collect(Collector collector, Policy policy) {
        DataType type = collector.type();
        SyncState state = states.computeIfAbsent(type, t -> {
            SyncStore.Loaded loaded = store.load(t);
            scheduler.snapshotSent(t, loaded.lastSnapshot());
            return loaded.state();
        });
        if (snapshotNeeded.remove(type.name())) {
            state.requireSnapshot();
        }
        // The documents go into the batch's gzip NDJSON as the collector makes them: a type of
        // many large documents (a domain's users) is never held whole.
        Instant now = clock.instant();
        Batch.Header header = state.nextHeader(now, scheduler.fullSnapshotDue(type, policy));
        BatchEncoder encoder = new BatchEncoder(header);
        SyncState.Pass pass = state.pass(header, SyncState.Output.of(encoder::upsert, encoder::remove));
        CollectorRunner.Result result =
                runner.run(collector, policy.schedule(type.name()).timeBudget(), pass, pass::cancel);
        if (result.error() != null) {
            reporter.failed(result.error());
            log.warning(type.name() + " collection failed: " + result.error().detail());
            return;
        }
        stats.collected(type.name(), result.cpuMillis());
        collectedSinceHeapReturn = true;
        if (pass.invalid() != null) {
            reporter.failed(new CollectorError(type.name(), CollectorError.Kind.INVALID_DOCUMENT, pass.invalid()));
            log.warning(type.name() + " produced a document the schema refuses; nothing sent: " + pass.invalid());
            return;
        }
        SyncState.Next next = pass.finish();
        try {
            if (!next.isEmpty()) {
                spool.add(type.name(), header.mode().wire(), header.id(), encoder.finish());
                synchronized (spoolSignal) {
                    spoolSignal.notifyAll();
                }
            }
            state.commit(next);
            if (header.mode() == Batch.Mode.SNAPSHOT) {
                scheduler.snapshotSent(type, now);
            }
            store.save(state, scheduler.lastSnapshot(type));
            log.fine(() -> String.format(
                    "%s: %d items in %d ms (%d ms CPU); %s of %d upserts, %d removals",
                    type.name(),
                    pass.items(),
                    result.wallMillis(),
                    result.cpuMillis(),
                    header.mode().wire(),
                    next.upserts(),
                    next.removals()));
        } catch (IOException e) {
            // Not spooled, so not sent: the next run of this type must resend everything.
            state.requireSnapshot();
            reporter.failed(new CollectorError(
                    type.name(), CollectorError.Kind.NOT_SPOOLED, "could not spool the batch: " + e.getMessage()));
            log.warning("Could not spool a " + type.name() + " batch: " + e.getMessage());
        }
    }

    private void sendLoop() {
        Backoff backoff = new Backoff(new SplittableRandom());
        while (running && !revoked) {
            var next = spool.oldest();
            if (next.isEmpty()) {
                waitForSpool(Duration.ofSeconds(1));
                continue;
            }
            Spool.Entry entry = next.get();
            try {
                BatchAnswer answer = server.postEncoded(entry.type(), entry.body());
                removeQuietly(entry);
                stats.delivered(entry.type(), entry.mode(), entry.size());
                stats.save();
                backoff.succeeded();
                log.info(() -> String.format(
                        "%s %s delivered: %d new, %d changed, %d unchanged, %d removed",
                        entry.type(),
                        entry.mode(),
                        answer.created(),
                        answer.updated(),
                        answer.unchanged(),
                        answer.removed()));
            } catch (ServerException e) {
                if (e.unauthorized()) {
                    revoke(e);
                    return;
                }
                if (e.retryable()) {
                    Duration wait = backoff.after(e);
                    log.warning(entry.type() + " batch not delivered (" + e.getMessage() + "); retrying in "
                            + wait.toSeconds() + "s");
                    sleep(wait);
                } else {
                    log.severe("The server refused a " + entry.type() + " batch; it is dropped and the next "
                            + entry.type() + " batch will be a full snapshot: " + e.getMessage());
                    snapshotNeeded.add(entry.type());
                    reporter.failed(new CollectorError(
                            entry.type(), CollectorError.Kind.BATCH_REFUSED, "batch refused: " + e.getMessage()));
                    removeQuietly(entry);
                }
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "Sending a " + entry.type() + " batch failed", e);
                sleep(Backoff.FIRST);
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
        Instant wake = checkins.next();
        Instant collection = scheduler.nextDue().orElse(wake);
        if (collection.isBefore(wake)) {
            wake = collection;
        }
        long millis = Math.max(
                50, Math.min(1_000, Duration.between(clock.instant(), wake).toMillis()));
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

    public Spool spool() {
        return spool;
    }
}
