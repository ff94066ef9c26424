package io.agent7.ingest.ingest;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where documents go; it only writes (reads are {@link PresentItems}). The Elasticsearch
 * adapter batches many agents' writes into few bulks.
 */
public interface DocumentSink {

    /**
     * One write: an update of {@code id} in {@code index} with the given action body
     * ({@code {"doc": ..., "upsert": ..., "detect_noop": true}} as UTF-8 JSON).
     */
    record Write(String index, String id, String routing, byte[] action) {}

    enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED,
        MISSING,
        FAILED,
        UNAVAILABLE
    }

    /** What became of one write; {@code error} is set for FAILED and UNAVAILABLE. */
    record Result(String id, Outcome outcome, String error) {}

    /**
     * Sends the writes; the future completes when Elasticsearch has acknowledged every one
     * (or given up on it), with one result per write, in order. Writes rejected with 429 or
     * 503 are retried with backoff before they are reported UNAVAILABLE.
     */
    CompletableFuture<List<Result>> write(List<Write> writes);

    /** Whether the sink can take {@code count} more writes now without buffering past its limit. */
    boolean hasRoomFor(int count);
}
