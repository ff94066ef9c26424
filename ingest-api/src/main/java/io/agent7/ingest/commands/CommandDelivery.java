package io.agent7.ingest.commands;

import io.agent7.protocol.CommandsAnswer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The agents waiting for commands, held without a thread each: a poll is a {@link DeferredResult}
 * that this hub answers when a command for its host is queued, or empty at the end of its wait.
 * One thread looks for queued commands of every waiting host at once, every {@link #TICK}, so
 * the cost is one search per tick per instance, whatever the number of agents; it also marks
 * queued commands past their expiry expired.
 */
@Component
public class CommandDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CommandDelivery.class);

    /** How often queued commands are looked for. */
    static final Duration TICK = Duration.ofMillis(250);

    static final Duration EXPIRY_SWEEP = Duration.ofSeconds(10);

    private final CommandStore store;
    private final Clock clock;
    private final Map<String, Set<DeferredResult<CommandsAnswer>>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent7-command-delivery");
        t.setDaemon(true);
        return t;
    });
    private Instant lastSweep = Instant.EPOCH;

    public CommandDelivery(CommandStore store, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.clock = clock;
        Gauge.builder("agent7.commands.waiting_polls", this, CommandDelivery::waiting)
                .description("Agents' command polls held open now")
                .register(registry);
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A poll of {@code hostId}'s agent, answered when a command comes or empty after {@code wait}. */
    public DeferredResult<CommandsAnswer> await(String hostId, Duration wait) {
        DeferredResult<CommandsAnswer> poll = new DeferredResult<>(wait.toMillis(), new CommandsAnswer(List.of()));
        Set<DeferredResult<CommandsAnswer>> polls = waiting.computeIfAbsent(hostId, h -> ConcurrentHashMap.newKeySet());
        polls.add(poll);
        poll.onCompletion(() -> {
            polls.remove(poll);
            waiting.computeIfPresent(hostId, (h, set) -> set.isEmpty() ? null : set);
        });
        return poll;
    }

    /** Agents waiting now: for metrics and the benchmark. */
    public int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    /** The commands of {@code hostId} queued now, marked delivered: for an agent that does not wait. */
    public List<CommandsAnswer.Delivery> takeNow(String hostId) {
        return deliver(List.of(hostId)).getOrDefault(hostId, List.of());
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            if (!now.isBefore(lastSweep.plus(EXPIRY_SWEEP))) {
                lastSweep = now;
                int expired = store.expire(now);
                if (expired > 0) {
                    log.info("{} queued commands expired before their hosts asked for them", expired);
                }
            }
            List<String> hosts = new ArrayList<>(waiting.keySet());
            if (hosts.isEmpty()) {
                return;
            }
            for (int from = 0; from < hosts.size(); from += 10_000) {
                Map<String, List<CommandsAnswer.Delivery>> found =
                        deliver(hosts.subList(from, Math.min(hosts.size(), from + 10_000)));
                found.forEach(this::answer);
            }
        } catch (RuntimeException e) {
            log.warn("Looking for queued commands failed: {}", e.toString());
        }
    }

    private Map<String, List<CommandsAnswer.Delivery>> deliver(List<String> hosts) {
        Instant now = clock.instant();
        Map<String, List<CommandsAnswer.Delivery>> byHost = new LinkedHashMap<>();
        for (CommandStore.Pending pending : store.markDelivered(store.queuedFor(hosts, now), now)) {
            byHost.computeIfAbsent(pending.hostId(), h -> new ArrayList<>())
                    .add(new CommandsAnswer.Delivery(pending.id(), pending.signed()));
        }
        return byHost;
    }

    /**
     * Hands the commands to one waiting poll of their host. When its poll ended meanwhile (it
     * timed out, the agent went away), they go back to queued, for whichever instance the
     * agent's next poll reaches.
     */
    private void answer(String hostId, List<CommandsAnswer.Delivery> commands) {
        for (DeferredResult<CommandsAnswer> poll : waiting.getOrDefault(hostId, Set.of())) {
            if (poll.setResult(new CommandsAnswer(commands))) {
                return;
            }
        }
        Instant now = clock.instant();
        commands.forEach(c -> store.requeue(c.id(), now));
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }
}
