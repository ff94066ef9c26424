package io.agent7.ingest.ingest;

/** A batch that contradicts itself; nothing of it was written. The message says what to change. */
public final class InvalidBatchException extends RuntimeException {

    InvalidBatchException(String message) {
        super(message);
    }
}
