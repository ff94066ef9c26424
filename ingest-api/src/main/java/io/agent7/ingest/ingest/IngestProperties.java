package io.agent7.ingest.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits and bulk sizing of the ingest path ({@code agent7.ingest.*}).
 *
 * @param maxBodySize          largest batch body after decompression
 * @param maxDocuments         most lines a batch may carry
 * @param maxLineSize          longest single line
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
 * @param maxUnreadSize        bodies received and waiting for a reader, in bytes as sent; beyond it
 *                             agents get 503 with Retry-After (default: an eighth of the heap, at
 *                             least 16 MB). A body is always let in when none waits
 * @param stallTimeout         with writes pending and no bulk answered by Elasticsearch for this
 *                             long, readiness goes DOWN and the threads are logged once (default 60 s)
 * @param wedgeTimeout         with writes pending and no bulk answered or even failed for this long,
 *                             liveness goes DOWN: every request has a deadline, so the pipeline
 *                             itself is stuck and only a restart helps (default 3 min; longer than
 *                             the stall timeout and than {@code agent7.elasticsearch.request-timeout})
 */
@ConfigurationProperties("agent7.ingest")
public record IngestProperties(
        DataSize maxBodySize,
        int maxDocuments,
        DataSize maxLineSize,
        int bulkMaxOperations,
        DataSize bulkMaxSize,
        Duration bulkFlushInterval,
        int bulkMaxConcurrent,
        int maxPendingOperations,
        Duration writeTimeout,
        Integer maxRetries,
        int parseConcurrency,
        DataSize maxUnreadSize,
        Duration stallTimeout,
        Duration wedgeTimeout) {

    public IngestProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(64) : maxBodySize;
        maxDocuments = maxDocuments <= 0 ? 100_000 : maxDocuments;
        maxLineSize = maxLineSize == null ? DataSize.ofMegabytes(1) : maxLineSize;
        bulkMaxOperations = bulkMaxOperations <= 0 ? 5_000 : bulkMaxOperations;
        bulkMaxSize = bulkMaxSize == null ? DataSize.ofMegabytes(10) : bulkMaxSize;
        bulkFlushInterval = bulkFlushInterval == null ? Duration.ofMillis(200) : bulkFlushInterval;
        bulkMaxConcurrent = bulkMaxConcurrent <= 0 ? 3 : bulkMaxConcurrent;
        maxPendingOperations = maxPendingOperations <= 0 ? 200_000 : maxPendingOperations;
        writeTimeout = writeTimeout == null ? Duration.ofSeconds(30) : writeTimeout;
        maxRetries = maxRetries == null ? 5 : maxRetries;
        if (maxRetries < 0) {
            throw new IllegalArgumentException("agent7.ingest.max-retries cannot be negative, got " + maxRetries);
        }
        parseConcurrency =
                parseConcurrency <= 0 ? Math.max(2, Runtime.getRuntime().availableProcessors()) : parseConcurrency;
        maxUnreadSize = maxUnreadSize == null
                ? DataSize.ofBytes(Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8))
                : maxUnreadSize;
        stallTimeout = stallTimeout == null ? Duration.ofSeconds(60) : stallTimeout;
        wedgeTimeout = wedgeTimeout == null ? Duration.ofMinutes(3) : wedgeTimeout;
        if (stallTimeout.isZero() || stallTimeout.isNegative()) {
            throw new IllegalArgumentException("agent7.ingest.stall-timeout must be positive, got " + stallTimeout);
        }
        if (wedgeTimeout.compareTo(stallTimeout) <= 0) {
            throw new IllegalArgumentException("agent7.ingest.wedge-timeout (" + wedgeTimeout
                    + ") must be longer than agent7.ingest.stall-timeout (" + stallTimeout + ")");
        }
        if (maxLineSize.compareTo(maxBodySize) > 0) {
            throw new IllegalArgumentException("agent7.ingest.max-line-size (" + maxLineSize
                    + ") cannot exceed agent7.ingest.max-body-size (" + maxBodySize + ")");
        }
    }
}
