package io.agent7.ingest.ingest;

import io.agent7.protocol.Durations;
import io.agent7.schema.Values;
import java.time.Duration;
import java.time.Instant;

/**
 * A batch collected longer ago than {@code agent7.ingest.max-batch-age}: what it says of the
 * host's items is stale, and its first-seen and last-seen times would be too. Nothing of it
 * is written; the agent drops it and sends a fresh snapshot of the type.
 */
public final class BatchTooOldException extends RuntimeException {

    BatchTooOldException(Instant collectedAt, Instant now, Duration maxAge) {
        super(
                "The batch was collected at " + Values.formatDate(collectedAt) + ", more than "
                        + Durations.format(maxAge) + " before the server's time " + Values.formatDate(now)
                        + " (agent7.ingest.max-batch-age); nothing of it was written. Send a fresh snapshot of the type instead");
    }
}
