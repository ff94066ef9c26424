package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Bounds a batch's {@code collected_at} by the server's clock. It comes from the agent's clock
 * and decides first-seen and last-seen times: an item first reported by an agent whose clock
 * said 9999 would stay first seen in year 9999 for good, and one whose clock ran a day ahead
 * would look removed a day late.
 *
 * <p>A time ahead of the server's by more than {@code agent7.ingest.max-clock-skew} is the
 * agent's clock being wrong, not a batch from the future: the batch is taken as collected at
 * the server's time, and the skew is kept on the host's document so that someone fixes the
 * clock. Within the tolerance the agent's time stands, so that well-kept clocks that differ by
 * a little never move an item's times. A time older than {@code agent7.ingest.max-batch-age} is
 * refused: a batch that waited that long in the agent's spool says little of the host now.
 * A retried batch that was dated ahead is not the same batch twice: it is taken at the
 * server's time of each post, so its last-seen times move.
 */
@Component
class CollectionTimes {

    // configuration
    private final Clock clock;
    private final Duration maxSkew;
    private final Duration maxAge;

    // collaborators
    private final HostClocks hostClocks;

    @Autowired
    CollectionTimes(Clock clock, IngestProperties properties, HostClocks hostClocks) {
        this(clock, properties.maxClockSkew(), properties.maxBatchAge(), hostClocks);
    }

    CollectionTimes(Clock clock, Duration maxSkew, Duration maxAge, HostClocks hostClocks) {
        this.clock = clock;
        this.maxSkew = maxSkew;
        this.maxAge = maxAge;
        this.hostClocks = hostClocks;
    }

    /**
     * When the batch counts as collected: its own time, or the server's when that was too far
     * ahead.
     *
     * @throws BatchTooOldException collected longer ago than the maximum age
     */
    Instant bounded(AgentPrincipal agent, Instant collectedAt) {
        Instant now = clock.instant();
        if (collectedAt.isBefore(now.minus(maxAge))) {
            throw new BatchTooOldException(collectedAt, now, maxAge);
        }
        Duration ahead = Duration.between(now, collectedAt);
        if (ahead.compareTo(maxSkew) > 0) {
            hostClocks.observed(agent, ahead);
            return now;
        }
        hostClocks.observed(agent, Duration.ZERO);
        return collectedAt;
    }
}
