package io.agent7.detections.engine;

import io.agent7.rules.Finding;
import io.agent7.rules.Rule;
import io.agent7.rules.RuleValidator;
import io.agent7.rules.Window;
import io.agent7.rules.elasticsearch.AlertWriter;
import io.agent7.rules.elasticsearch.RuleSearches;
import io.agent7.rules.elasticsearch.RuleState;
import io.agent7.rules.elasticsearch.RuleStates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rules on schedule. Every tick it reads the rules' states, and for each enabled rule
 * that is due and not leased by another live instance, takes the rule's lease (a conditional
 * write, see {@link RuleStates}) and runs it on a worker: search the window ({@link Windows}),
 * write the alerts, notify the new ones, record the run, and move the checkpoint only on
 * success. Several instances share the rules this way with no coordinator.
 */
public final class DetectionEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DetectionEngine.class);

    private final DetectionsProperties properties;
    private final java.util.function.Supplier<Map<String, Rule>> source;
    private final RuleStates states;
    private final RuleFinder finder;
    private final AlertWriter alerts;
    private final RuleRuns runs;
    private final RuleValidator validator;
    private final AlertListener listener;
    private final Clock clock;
    private final ScheduledExecutorService ticker;
    private final ExecutorService workers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Rule> rules = Map.of();
    private volatile Instant rulesReadAt = Instant.EPOCH;
    private final AtomicInteger tickFailures = new AtomicInteger();

    /** What a rule finds over a window: {@link RuleSearches#find} on Elasticsearch. */
    @FunctionalInterface
    public interface RuleFinder {
        RuleSearches.Result find(Rule rule, Window window, Instant now);
    }

    /** What the engine tells about alerts it created: notifications hang here. */
    public interface AlertListener {
        void created(Rule rule, Finding finding, Map<String, Object> alert);
    }

    DetectionEngine(
            DetectionsProperties properties,
            java.util.function.Supplier<Map<String, Rule>> source,
            RuleStates states,
            RuleFinder finder,
            AlertWriter alerts,
            RuleRuns runs,
            RuleValidator validator,
            AlertListener listener,
            Clock clock) {
        this.properties = properties;
        this.source = source;
        this.states = states;
        this.finder = finder;
        this.alerts = alerts;
        this.runs = runs;
        this.validator = validator;
        this.listener = listener;
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "detections-tick"));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(
                properties.workers(), r -> daemon(r, "detections-run-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        long tick = properties.tick().toMillis();
        ticker.scheduleWithFixedDelay(this::tickSafely, 0, tick, TimeUnit.MILLISECONDS);
        log.info(
                "Detection engine {} started: tick {}, lease {}, {} workers",
                properties.instance(),
                properties.tick(),
                properties.lease(),
                properties.workers());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The rules this instance knows, as last read. */
    public Map<String, Rule> rules() {
        return rules;
    }

    private void tickSafely() {
        try {
            tick();
            tickFailures.set(0);
        } catch (RuntimeException e) {
            // Elasticsearch away: say so once in a while, and keep ticking.
            if (tickFailures.getAndIncrement() % 30 == 0) {
                log.warn("Detection tick failed: {}", e.toString());
            }
        }
    }

    /** One look for due rules. */
    void tick() {
        Instant now = clock.instant();
        if (now.isAfter(rulesReadAt.plus(properties.rulesRefresh())) || rules.isEmpty()) {
            rules = source.get();
            rulesReadAt = now;
        }
        Map<String, RuleState> all = states.all();
        for (Rule rule : rules.values()) {
            if (!rule.enabled() || running.contains(rule.id())) {
                continue;
            }
            try {
                take(rule, all.getOrDefault(rule.id(), RuleState.fresh(rule.id())), now);
            } catch (RuntimeException e) {
                log.warn("Could not take rule {}: {}", rule.id(), e.toString()); // the others go on
            }
        }
    }

    /** Runs the rule on a worker if it is due and its lease can be had. */
    private void take(Rule rule, RuleState state, Instant now) {
        if (state.leasedByOtherThan(properties.instance(), now) || !due(rule, state, now)) {
            return;
        }
        RuleState held = states.write(state.leased(properties.instance(), now.plus(properties.lease())));
        if (held == null) {
            return; // another instance took it first
        }
        running.add(rule.id());
        Instant dueAt = dueAt(rule, state);
        try {
            workers.execute(() -> {
                try {
                    run(rule, held, dueAt);
                } finally {
                    running.remove(rule.id());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.remove(rule.id());
        }
    }

    private boolean due(Rule rule, RuleState state, Instant now) {
        if (state.runRequested()) {
            return true;
        }
        boolean sameVersion = state.version() == rule.version();
        if (sameVersion && state.flagged()) {
            return false; // failed too often: waits for a new version or a run asked for
        }
        if (sameVersion && state.retryAt() != null && now.isBefore(state.retryAt())) {
            return false;
        }
        return !now.isBefore(dueAt(rule, state));
    }

    private static Instant dueAt(Rule rule, RuleState state) {
        Instant due = Windows.due(rule, state.checkpoint());
        if (state.runRequested()) {
            return state.runRequestedAt();
        }
        if (state.version() == rule.version()
                && state.retryAt() != null
                && state.retryAt().isAfter(due)) {
            return state.retryAt();
        }
        return due;
    }

    /**
     * One run of one rule, holding its lease; catches up window after window while behind.
     * While it runs, the lease is renewed every third of its length, so a slow search does not
     * let another instance take the rule half-way.
     */
    private void run(Rule rule, RuleState leased, Instant dueAt) {
        Lease lease = new Lease(leased);
        java.util.concurrent.ScheduledFuture<?> renewal = ticker.scheduleWithFixedDelay(
                () -> lease.renew(clock.instant().plus(properties.lease())),
                properties.lease().toMillis() / 3,
                properties.lease().toMillis() / 3,
                TimeUnit.MILLISECONDS);
        try {
            runHolding(rule, lease, dueAt);
        } finally {
            renewal.cancel(false);
        }
    }

    /** The state a run holds, renewed from the ticker thread and written at the end from the worker. */
    private final class Lease {
        private RuleState state;

        Lease(RuleState state) {
            this.state = state;
        }

        synchronized RuleState state() {
            return state;
        }

        synchronized void renew(Instant until) {
            if (state != null) {
                try {
                    state = states.write(state.leased(properties.instance(), until));
                } catch (RuntimeException e) {
                    log.warn("Could not renew the lease of rule {}: {}", state.ruleId(), e.toString());
                }
            }
        }

        /** Writes the state the run ends with; null when the lease was lost. */
        synchronized RuleState end(java.util.function.UnaryOperator<RuleState> change) {
            if (state != null) {
                state = states.write(change.apply(state));
            }
            return state;
        }
    }

    private void runHolding(Rule rule, Lease lease, Instant dueAt) {
        RuleState leased = lease.state();
        RuleState state = leased;
        boolean first = true;
        while (state != null) {
            Instant started = clock.instant();
            Windows.Next next =
                    Windows.next(rule, state.checkpoint(), started, properties.maxWindow(), properties.maxCatchUp());
            String trigger =
                    leased.runRequested() && first ? "manual" : next.catchUp() || !first ? "catch_up" : "schedule";
            Duration lag = first ? Duration.between(dueAt, started) : Duration.ZERO;
            first = false;
            long hits = 0;
            long written = 0;
            long suppressed = 0;
            boolean truncated = false;
            String error = null;
            try {
                validator.check(rule);
                RuleSearches.Result result = finder.find(rule, next.window(), started);
                hits = result.hits();
                truncated = result.truncated();
                List<AlertWriter.Outcome> outcomes = alerts.write(rule, next.window(), result.findings(), started);
                for (int i = 0; i < outcomes.size(); i++) {
                    Finding finding = result.findings().get(i);
                    switch (outcomes.get(i)) {
                        case CREATED -> {
                            written++;
                            notifyCreated(rule, next.window(), finding, started);
                        }
                        case UPDATED -> {
                            written++;
                            suppressed += finding.upsert() && rule.suppression() != null ? 1 : 0;
                        }
                        default -> {}
                    }
                }
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            Instant ended = clock.instant();
            state = lease.state();
            if (state == null) {
                log.warn("Rule {} lost its lease while it ran; another instance carries on", rule.id());
                return;
            }
            runs.record(new RuleRuns.Run(
                    rule.id(),
                    rule.version(),
                    trigger,
                    started,
                    Duration.between(started, ended),
                    lag,
                    next.window(),
                    hits,
                    written,
                    suppressed,
                    truncated,
                    error,
                    next.gap()));
            RuleState after;
            if (error == null) {
                after = state.succeeded(rule.version(), next.window().end(), ended);
            } else {
                log.warn("Rule {} v{} failed over {}: {}", rule.id(), rule.version(), next.window(), error);
                long failures = (state.version() == rule.version() ? state.failures() : 0) + 1;
                Duration backoff = backoff(rule, failures);
                boolean flag = failures >= properties.flagAfter();
                after = state.failed(rule.version(), error, ended, ended.plus(backoff), flag);
            }
            // Keep the lease while catching up; let it go when done.
            after = error == null && next.catchUp()
                    ? after.leased(properties.instance(), ended.plus(properties.lease()))
                    : after;
            RuleState end = after;
            state = lease.end(current -> end.at(current.seqNo(), current.primaryTerm()));
            if (state == null) {
                log.warn(
                        "Rule {}'s state changed under this instance (lease lost); another instance carries on",
                        rule.id());
                return;
            }
            if (error != null || !next.catchUp()) {
                return;
            }
        }
    }

    /** Interval × 2^(failures − 1), at most {@code max-backoff}. */
    private Duration backoff(Rule rule, long failures) {
        Duration wait = rule.interval();
        for (long i = 1; i < failures && wait.compareTo(properties.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private void notifyCreated(Rule rule, Window window, Finding finding, Instant at) {
        try {
            listener.created(rule, finding, alerts.document(rule, window, finding, at));
        } catch (RuntimeException e) {
            log.warn("Could not queue notification of alert {}: {}", finding.alertId(), e.toString());
        }
    }
}
