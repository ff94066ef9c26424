package io.agent7.agent.transport;

import java.time.Duration;

/** The server could not take a request. {@link #retryAfter()} says whether and when to try again. */
public final class ServerException extends Exception {

    private final int status;
    private final Duration retryAfter;
    private final boolean serverSaid;

    ServerException(int status, String message, Duration retryAfter, Throwable cause) {
        this(status, message, retryAfter, false, cause);
    }

    /**
     * @param retryAfter when to retry, null when retrying cannot succeed
     * @param serverSaid whether {@code retryAfter} is the server's own {@code Retry-After}
     */
    public ServerException(int status, String message, Duration retryAfter, boolean serverSaid, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
        this.serverSaid = serverSaid;
    }

    /**
     * Whether the wait came from the server's {@code Retry-After}: then it knows best and the
     * agent waits just that (with jitter); otherwise the agent backs off exponentially.
     */
    public boolean serverSaid() {
        return serverSaid;
    }

    /** HTTP status, or 0 when the server could not be reached. */
    public int status() {
        return status;
    }

    /** When to retry; null when retrying the same request cannot succeed (a 4xx other than 429). */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return retryAfter != null;
    }

    /** The credentials are no longer accepted: the agent must enroll again. */
    public boolean unauthorized() {
        return status == 401;
    }
}
