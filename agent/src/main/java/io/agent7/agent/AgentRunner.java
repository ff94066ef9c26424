package io.agent7.agent;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collects and posts full snapshots on a jittered interval. A batch the server could not
 * take is retried, same id and collection time, until it is acknowledged, so an outage
 * delays data but never duplicates it.
 */
final class AgentRunner {

    private static final Logger log = Logger.getLogger(AgentRunner.class.getName());

    private final ServerClient server;
    private final List<Collector> collectors;
    private final Duration interval;
    private final Clock clock;
    private volatile boolean running = true;

    AgentRunner(ServerClient server, List<Collector> collectors, Duration interval, Clock clock) {
        this.server = server;
        this.collectors = collectors;
        this.interval = interval;
        this.clock = clock;
    }

    /** Runs until {@link #stop()}; answers false when the credentials were revoked. */
    boolean run(boolean once) throws InterruptedException {
        while (running) {
            for (Collector collector : collectors) {
                if (!collectAndPost(collector)) {
                    return false;
                }
            }
            if (once) {
                return true;
            }
            // ±25% jitter so that agents started together do not post together forever after.
            long millis = interval.toMillis();
            sleep(Duration.ofMillis(millis * 3 / 4 + ThreadLocalRandom.current().nextLong(millis / 2 + 1)));
        }
        return true;
    }

    private boolean collectAndPost(Collector collector) throws InterruptedException {
        Instant collectedAt = clock.instant();
        long cpuBefore = System.nanoTime();
        List<ObjectNode> documents = collector.collect();
        long tookMs = (System.nanoTime() - cpuBefore) / 1_000_000;
        String batchId = UUID.randomUUID().toString();
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                ServerClient.BatchResult result = server.post(collector.type(), batchId, "snapshot", collectedAt, documents);
                log.info(() -> String.format("%s: %d items collected in %d ms; %d new, %d changed, %d unchanged, %d removed",
                        collector.type(), documents.size(), tookMs, result.created(), result.updated(), result.unchanged(),
                        result.removed()));
                return true;
            } catch (ServerException e) {
                if (e.unauthorized()) {
                    log.severe("The server no longer accepts this agent's credentials (revoked or re-enrolled elsewhere): "
                            + e.getMessage() + ". Enroll again.");
                    return false;
                }
                if (!e.retryable()) {
                    log.log(Level.SEVERE, "The server refused the " + collector.type() + " batch; it is dropped: " + e.getMessage());
                    return true;
                }
                Duration wait = e.retryAfter().compareTo(backoff) > 0 ? e.retryAfter() : backoff;
                log.warning(collector.type() + " batch not delivered (" + e.getMessage() + "); retrying in " + wait.toSeconds() + "s");
                sleep(wait);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : backoff.multipliedBy(2);
            }
        }
        return true;
    }

    private void sleep(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() < until) {
            Thread.sleep(Math.min(500, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    void stop() {
        running = false;
    }
}
