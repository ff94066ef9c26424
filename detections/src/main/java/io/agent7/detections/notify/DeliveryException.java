package io.agent7.detections.notify;

import java.time.Duration;

/**
 * A delivery that failed. Transient failures (the receiver down, overloaded or slow) are tried
 * again later; permanent ones (a 404, a rejected recipient) would fail the same way again.
 */
final class DeliveryException extends Exception {

    private final boolean transientFailure;
    /** How long the receiver asked to be left alone (an HTTP Retry-After); null when it did not say. */
    private final Duration retryAfter;

    private DeliveryException(String message, boolean transientFailure, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    static DeliveryException retryable(String message, Duration retryAfter, Throwable cause) {
        return new DeliveryException(message, true, retryAfter, cause);
    }

    static DeliveryException permanent(String message, Throwable cause) {
        return new DeliveryException(message, false, null, cause);
    }

    boolean isTransient() {
        return transientFailure;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
