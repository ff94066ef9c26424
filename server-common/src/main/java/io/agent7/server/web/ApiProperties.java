package io.agent7.server.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How every service answers when it cannot serve a request now ({@code agent7.*}).
 *
 * @param retryAfter what clients are told to wait ({@code Retry-After}) when Elasticsearch is
 *                   busy or away, or a queue of the service's own is full (default 30 s). At
 *                   least a second: the header counts whole seconds
 */
@ConfigurationProperties("agent7")
public record ApiProperties(Duration retryAfter) {

    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    public ApiProperties {
        retryAfter = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
        if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "agent7.retry-after must be at least 1s (Retry-After counts whole seconds), got " + retryAfter);
        }
    }

    /** The defaults, as a service started without settings has them. */
    public static ApiProperties defaults() {
        return new ApiProperties(null);
    }
}
