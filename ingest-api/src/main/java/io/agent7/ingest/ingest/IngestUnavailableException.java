package io.agent7.ingest.ingest;

/**
 * The batch could not be taken now: Elasticsearch is away or slow, or a queue of the ingest
 * path is full. The same batch sent again later can succeed, and what was written of it is
 * not duplicated. The message says what happened, for the agent.
 */
public final class IngestUnavailableException extends RuntimeException {

    IngestUnavailableException(String message) {
        super(message);
    }
}
