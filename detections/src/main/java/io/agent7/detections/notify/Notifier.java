package io.agent7.detections.notify;

import io.agent7.detections.notify.Target.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers alert notifications without ever holding up a detection run. {@link #submit} picks
 * the targets (the rule's own and the channels for the notice's severity, each once) and
 * queues a delivery for each; a few threads of the notifier's own send them.
 *
 * <p>A delivery that fails for a reason that may pass is tried again after a backoff that
 * doubles each time, ±50% jitter so that receivers coming back are not hit by every delivery at
 * once, and never shorter than the receiver's Retry-After. The wait runs on a scheduler, not on
 * a sending thread, so a receiver that is down does not hold up the others. Deliveries
 * accepted and not finished (queued, sending, waiting for a retry) are bounded by the queue
 * capacity; past it a new delivery is dropped, logged and counted, and submit returns at once.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** How long closing waits for sends under way: a graceful shutdown, but a bounded one. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** What became of deliveries since start; a delivery is one notice to one target. */
    public record Stats(long delivered, long retried, long failed, long dropped) {}

    // configuration
    private final Routing routing;
    private final NotificationProperties.Retry retry;
    private final int capacity;
    private final Map<Kind, Sender> senders = new EnumMap<>(Kind.class);

    // threads
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService backoff;

    // state
    /** Deliveries accepted and not finished: queued, being sent, or waiting for a retry. */
    private final AtomicInteger pending = new AtomicInteger();

    private final Counts counts;

    public Notifier(NotificationProperties properties) {
        this(properties, null);
    }

    /** @param meters where the counts are published as meters; null for none */
    public Notifier(NotificationProperties properties, MeterRegistry meters) {
        this.routing = new Routing(properties);
        this.retry = properties.retry();
        this.capacity = properties.queueCapacity();
        WebhookSender webhooks = new WebhookSender(properties.webhook(), new WebhookPayloads(JsonMapper.shared()));
        senders.put(Kind.WEBHOOK, webhooks);
        senders.put(Kind.SLACK, webhooks);
        senders.put(Kind.TEAMS, webhooks);
        senders.put(
                Kind.EMAIL,
                properties.smtp().configured() ? new EmailSender(properties.smtp()) : Notifier::noMailServer);
        int threads = properties.threads();
        this.workers = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemons("notify-send-"));
        this.backoff = Executors.newSingleThreadScheduledExecutor(daemons("notify-backoff-"));
        this.counts = new Counts(meters);
    }

    /**
     * Queues the notice for the rule's own targets and every channel for its severity, each
     * target once, and returns without waiting for anything.
     *
     * @param ruleTargets the rule's {@code notify} entries; empty for none
     */
    public void submit(AlertNotice notice, List<Target> ruleTargets) {
        Objects.requireNonNull(notice, "notice");
        AlertNotice linked = routing.linked(notice);
        for (Target target : routing.targets(notice.severity(), ruleTargets)) {
            Delivery delivery = new Delivery(linked, target, 1);
            if (admit()) {
                dispatch(delivery);
            } else {
                drop(delivery, "the queue is full (" + capacity + " deliveries)");
            }
        }
    }

    /** Where a notice of this severity with these rule targets goes. */
    List<Target> targets(String severity, List<Target> ruleTargets) {
        return routing.targets(severity, ruleTargets);
    }

    public Stats stats() {
        return counts.snapshot();
    }

    /**
     * Stops the threads. Sends under way get {@link #CLOSE_WAIT} to finish; what is still
     * queued or waiting for a retry then is dropped, and counted so.
     */
    @Override
    public void close() {
        backoff.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        int lost = pending.getAndSet(0);
        if (lost > 0) {
            counts.dropped(lost);
            log.warn("{} alert notifications were not delivered before shutdown", lost);
        }
    }

    /** Takes a slot for a new delivery, unless all {@code capacity} are taken. */
    private boolean admit() {
        if (pending.incrementAndGet() <= capacity) {
            return true;
        }
        pending.decrementAndGet();
        return false;
    }

    /** Gives back a delivery's slot: it was delivered, given up or dropped. */
    private void finished() {
        pending.decrementAndGet();
    }

    private void dispatch(Delivery delivery) {
        try {
            workers.execute(() -> attempt(delivery));
        } catch (RejectedExecutionException e) {
            finished();
            drop(delivery, "the notifier is closed");
        }
    }

    private void attempt(Delivery d) {
        try {
            senders.get(d.target().kind()).send(d.notice(), d.target());
            finished();
            counts.delivered();
            log.debug(
                    "Notified {} of alert {} (attempt {})",
                    d.target().describe(),
                    d.notice().alertId(),
                    d.attempt());
        } catch (DeliveryException e) {
            if (e.isTransient() && d.attempt() < retry.maxAttempts()) {
                Duration wait = delay(d.attempt(), e.retryAfter());
                counts.retried();
                log.info(
                        "Notifying {} of alert {} failed ({}); attempt {} of {} in {} ms",
                        d.target().describe(),
                        d.notice().alertId(),
                        e.getMessage(),
                        d.attempt() + 1,
                        retry.maxAttempts(),
                        wait.toMillis());
                retryLater(d.next(), wait);
            } else {
                finished();
                counts.failed();
                log.warn(
                        "Gave up notifying {} of alert {} of rule {}{}: {}",
                        d.target().describe(),
                        d.notice().alertId(),
                        d.notice().ruleId(),
                        e.isTransient() ? " after " + d.attempt() + " attempts" : "",
                        e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished();
            drop(d, "the notifier closed while sending it");
        } catch (RuntimeException e) {
            finished();
            counts.failed();
            log.error(
                    "Notifying {} of alert {} failed",
                    d.target().describe(),
                    d.notice().alertId(),
                    e);
        }
    }

    private void retryLater(Delivery delivery, Duration wait) {
        try {
            backoff.schedule(() -> dispatch(delivery), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            finished();
            drop(delivery, "the notifier is closed");
        }
    }

    /** The backoff after the {@code failures}-th failure, jittered, and at least what the receiver asked for. */
    private Duration delay(int failures, Duration retryAfter) {
        long base = Math.max(1, retry.backoff(failures).toMillis());
        Duration wait = Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(retry.maxBackoff()) < 0 ? retryAfter : retry.maxBackoff();
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        return wait;
    }

    private void drop(Delivery delivery, String why) {
        counts.dropped(1);
        log.warn(
                "Dropped the notification of alert {} of rule {} to {}: {}",
                delivery.notice().alertId(),
                delivery.notice().ruleId(),
                delivery.target().describe(),
                why);
    }

    /** A rule's email target when no SMTP server is configured: fails at once, as a retry would. */
    private static void noMailServer(AlertNotice notice, Target target) throws DeliveryException {
        throw DeliveryException.permanent(
                "no mail server: " + NotificationProperties.PREFIX + ".smtp.host is not set", null);
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One notice to one target, on its {@code attempt}-th try. */
    private record Delivery(AlertNotice notice, Target target, int attempt) {
        Delivery next() {
            return new Delivery(notice, target, attempt + 1);
        }
    }
}
