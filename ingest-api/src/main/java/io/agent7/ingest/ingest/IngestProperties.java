package io.agent7.ingest.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits, bulk sizing and clocks of the ingest path ({@code agent7.ingest.*}). A setting left
 * out takes its default; one given as zero where that means nothing, negative, or at odds
 * with another is refused at start with a message that names it.
 *
 * @param maxBodySize          largest batch body after decompression
 * @param maxDocuments         most lines a batch may carry
 * @param maxLineSize          longest single line; no larger than the body
 * @param bulkMaxOperations    a bulk request is sent when it holds this many operations...
 * @param bulkMaxSize          ...or this many bytes...
 * @param bulkFlushInterval    ...or when its oldest operation has waited this long. Many agents'
 *                             small posts become one bulk; an agent waits at most this long extra
 * @param bulkMaxConcurrent    bulk requests in flight at once (3: one being indexed and two queued
 *                             behind it, so Elasticsearch never waits for the next one to arrive)
 * @param maxPendingOperations operations accepted but not yet acknowledged; beyond it agents
 *                             get 503 with Retry-After instead of the server buffering without bound
 * @param writeTimeout         how long an agent's request waits for Elasticsearch's acknowledgement
 *                             before it is answered 503 (its operations may still land: they are
 *                             idempotent, so the agent's retry is harmless)
 * @param maxRetries           retries of an operation Elasticsearch rejected with 429 or 503
 *                             (default 5; 0 turns retrying off)
 * @param parseConcurrency     batches read, checked and turned into writes at once (default: one
 *                             per CPU, at least two: a batch that removes items waits for a read
 *                             of them); the others wait their turn, received in full, so the
 *                             threads that send bulks and answer agents are not crowded out
 *                             of the CPU by hundreds of batches being parsed together
 * @param searchConcurrency    snapshots searching for their items gone at once (default 8). Each
 *                             search blocks a thread while Elasticsearch pages through the host's
 *                             items; the writes that follow do not
 * @param maxUnreadSize        bodies received and waiting for a reader, in bytes as sent; beyond it
 *                             agents get 503 with Retry-After (default: an eighth of the heap, at
 *                             least 16 MB). A body is always let in when none waits
 * @param stallTimeout         with writes pending and no bulk answered by Elasticsearch for this
 *                             long, readiness goes DOWN and the threads are logged once (default 60 s)
 * @param wedgeTimeout         with writes pending and no bulk answered or even failed for this long,
 *                             liveness goes DOWN: every request has a deadline, so the pipeline
 *                             itself is stuck and only a restart helps (default 3 min; longer than
 *                             the stall timeout and than {@code agent7.elasticsearch.request-timeout})
 * @param maxClockSkew         how far in the future a batch's {@code collected_at} may be (default 5
 *                             min, Kerberos' tolerance for clocks that are kept in sync); past it the
 *                             agent's clock is wrong, the batch is taken as collected now, and the
 *                             host's skew is recorded. Zero tolerates none
 * @param maxBatchAge          how old a batch's {@code collected_at} may be (default 7 days). An older
 *                             batch is refused: what it says of the host's items is stale, and the
 *                             agent answers the refusal with a fresh snapshot
 */
@ConfigurationProperties("agent7.ingest")
public record IngestProperties(
        DataSize maxBodySize,
        Integer maxDocuments,
        DataSize maxLineSize,
        Integer bulkMaxOperations,
        DataSize bulkMaxSize,
        Duration bulkFlushInterval,
        Integer bulkMaxConcurrent,
        Integer maxPendingOperations,
        Duration writeTimeout,
        Integer maxRetries,
        Integer parseConcurrency,
        Integer searchConcurrency,
        DataSize maxUnreadSize,
        Duration stallTimeout,
        Duration wedgeTimeout,
        Duration maxClockSkew,
        Duration maxBatchAge) {

    public IngestProperties {
        maxBodySize = positive("max-body-size", maxBodySize, DataSize.ofMegabytes(64));
        maxDocuments = atLeast("max-documents", maxDocuments, 1, 100_000);
        maxLineSize = positive("max-line-size", maxLineSize, DataSize.ofMegabytes(1));
        bulkMaxOperations = atLeast("bulk-max-operations", bulkMaxOperations, 1, 5_000);
        bulkMaxSize = positive("bulk-max-size", bulkMaxSize, DataSize.ofMegabytes(10));
        bulkFlushInterval = positive("bulk-flush-interval", bulkFlushInterval, Duration.ofMillis(200));
        bulkMaxConcurrent = atLeast("bulk-max-concurrent", bulkMaxConcurrent, 1, 3);
        maxPendingOperations = atLeast("max-pending-operations", maxPendingOperations, 1, 200_000);
        writeTimeout = positive("write-timeout", writeTimeout, Duration.ofSeconds(30));
        maxRetries = atLeast("max-retries", maxRetries, 0, 5);
        parseConcurrency = atLeast(
                "parse-concurrency",
                parseConcurrency,
                1,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        searchConcurrency = atLeast("search-concurrency", searchConcurrency, 1, 8);
        maxUnreadSize = positive(
                "max-unread-size",
                maxUnreadSize,
                DataSize.ofBytes(Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8)));
        stallTimeout = positive("stall-timeout", stallTimeout, Duration.ofSeconds(60));
        wedgeTimeout = positive("wedge-timeout", wedgeTimeout, Duration.ofMinutes(3));
        maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("agent7.ingest.max-clock-skew cannot be negative, got " + maxClockSkew);
        }
        maxBatchAge = positive("max-batch-age", maxBatchAge, Duration.ofDays(7));
        if (wedgeTimeout.compareTo(stallTimeout) <= 0) {
            throw new IllegalArgumentException("agent7.ingest.wedge-timeout (" + wedgeTimeout
                    + ") must be longer than agent7.ingest.stall-timeout (" + stallTimeout + ")");
        }
        if (maxLineSize.compareTo(maxBodySize) > 0) {
            throw new IllegalArgumentException("agent7.ingest.max-line-size (" + maxLineSize
                    + ") cannot exceed agent7.ingest.max-body-size (" + maxBodySize + ")");
        }
    }

    /** The defaults, as a service started without settings has them. */
    public static IngestProperties defaults() {
        return new IngestProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static int atLeast(String name, Integer value, int min, int byDefault) {
        if (value == null) {
            return byDefault;
        }
        if (value < min) {
            throw new IllegalArgumentException("agent7.ingest." + name
                    + (min == 0 ? " cannot be negative" : " must be at least " + min) + ", got " + value);
        }
        return value;
    }

    private static Duration positive(String name, Duration value, Duration byDefault) {
        if (value == null) {
            return byDefault;
        }
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("agent7.ingest." + name + " must be positive, got " + value);
        }
        return value;
    }

    private static DataSize positive(String name, DataSize value, DataSize byDefault) {
        if (value == null) {
            return byDefault;
        }
        if (value.toBytes() <= 0) {
            throw new IllegalArgumentException("agent7.ingest." + name + " must be positive, got " + value);
        }
        return value;
    }
}
